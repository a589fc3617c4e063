import type { Answers, QuestionView } from '@ringstuga/shared';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localText, questionValues, valueLabel } from '../questions/question-text.ts';
import { useQuestionKeys } from './use-question-keys.ts';

interface QuestionsPanelProps {
  questions: QuestionView[];
  disabled: boolean;
  /** Saves the conversation with what was answered; unanswered questions are left out. */
  onSave: (answers: Answers) => void;
  /** Back to the outcomes, nothing saved. */
  onCancel: () => void;
}

/**
 * The list's questions, asked after the volunteer chose "conversation": one below the other, each a
 * radio group. ↑/↓ (or Tab) move between them, ←/→ or the number keys pick, Enter saves, Escape goes back.
 */
export function QuestionsPanel({ questions, disabled, onSave, onCancel }: QuestionsPanelProps) {
  const { t, i18n } = useTranslation();
  const [answers, setAnswers] = useState<Answers>({});
  const [current, setCurrentState] = useState(0);
  // The current question as of the last key, not the last render: a late focus must not undo a move.
  const currentRef = useRef(0);
  const setCurrent = (index: number) => {
    currentRef.current = index;
    setCurrentState(index);
  };
  const groupRefs = useRef<(HTMLFieldSetElement | null)[]>([]);

  // Focus follows the current question: on its chosen answer, else its first (the radio group's one tab stop).
  const focusQuestion = (index: number) => {
    const group = groupRefs.current[index];
    const radio = group?.querySelector<HTMLInputElement>('input:checked') ?? group?.querySelector<HTMLInputElement>('input');
    radio?.focus();
  };
  useEffect(() => focusQuestion(0), []);

  const choose = (index: number, value: string) => {
    if (disabled) return;
    const question = questions[index];
    if (question) setAnswers((before) => ({ ...before, [question.key]: value }));
  };
  const pickAt = (position: number) => {
    const index = currentRef.current;
    const question = questions[index];
    const value = question && questionValues(question)[position];
    if (value === undefined) return;
    choose(index, value);
    // The focused radio moves with the choice, so Tab and the screen reader stay where the answer is
    // (unless the volunteer has moved on to another question since: focusing this one would pull them back).
    requestAnimationFrame(() => {
      if (currentRef.current === index) focusQuestion(index);
    });
  };
  const save = () => {
    if (!disabled) onSave(answers);
  };

  useQuestionKeys({
    move: (step) => {
      const next = Math.min(questions.length - 1, Math.max(0, currentRef.current + step));
      setCurrent(next);
      focusQuestion(next);
    },
    step: (step) => {
      const question = questions[currentRef.current];
      if (!question) return;
      const values = questionValues(question);
      const at = values.indexOf(answers[question.key] ?? '');
      const next = at === -1 ? (step === 1 ? 0 : values.length - 1) : Math.min(values.length - 1, Math.max(0, at + step));
      pickAt(next);
    },
    pick: pickAt,
    save,
    cancel: onCancel,
  });

  return (
    <section className="questions" aria-labelledby="questions-heading">
      <h3 id="questions-heading">{t('questions.heading')}</h3>
      <p className="muted">{t('questions.hint')}</p>
      {questions.map((question, index) => {
        const values = questionValues(question);
        return (
          <fieldset
            key={question.key}
            ref={(element) => {
              groupRefs.current[index] = element;
            }}
            className={index === current ? 'question current' : 'question'}
            onFocus={() => setCurrent(index)}
          >
            <legend>{localText(question.text, i18n.language)}</legend>
            <div className="question-values">
              {values.map((value, position) => (
                <label key={value} className="question-value">
                  <input
                    type="radio"
                    name={`question-${question.key}`}
                    value={value}
                    checked={answers[question.key] === value}
                    aria-keyshortcuts={String(position + 1)}
                    onChange={() => choose(index, value)}
                  />
                  <kbd aria-hidden="true">{position + 1}</kbd>
                  <span>{valueLabel(t, question, value, i18n.language)}</span>
                </label>
              ))}
            </div>
          </fieldset>
        );
      })}
      <div className="button-row">
        <button type="button" className="primary" aria-disabled={disabled} onClick={save}>
          {t('questions.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('questions.back')}
        </button>
      </div>
    </section>
  );
}
