import type { ListBreakdown, ListQuestionCounts, QuestionCounts, ScreenQuestionChoice } from '@ringstuga/shared';
import { useTranslation } from 'react-i18next';
import { CommandError } from '../connection/CommandError.tsx';
import { useCommand } from '../connection/use-command.ts';
import { formatCount } from '../lib/format-number.ts';
import { answerBars } from '../questions/answer-bars.ts';
import { localText } from '../questions/question-text.ts';
import type { RoomSocket } from './room-socket.ts';

interface QuestionTotalsPanelProps {
  socket: RoomSocket;
  questions: readonly ListQuestionCounts[];
  lists: readonly ListBreakdown[];
  screenQuestion: ScreenQuestionChoice | null;
}

/** What the lists' questions were answered, counts only; one of them can be put on the big screen. */
export function QuestionTotalsPanel({ socket, questions, lists, screenQuestion }: QuestionTotalsPanelProps) {
  const { t } = useTranslation();
  const command = useCommand(socket);
  const listName = (listId: number) => lists.find((list) => list.listId === listId)?.name ?? String(listId);
  const shown = (listId: number, key: string) => screenQuestion?.listId === listId && screenQuestion.key === key;
  return (
    <section className="panel question-totals" aria-labelledby="question-totals-heading" data-testid="question-totals">
      <h2 id="question-totals-heading">{t('boardQuestions.heading')}</h2>
      {questions.length === 0 && <p className="muted">{t('boardQuestions.none')}</p>}
      {questions.map((list) => (
        <div key={list.listId} className="question-totals-list" data-list={list.listId}>
          <h3>{listName(list.listId)}</h3>
          <ul className="question-totals-items">
            {list.questions.map((question) => (
              <QuestionLine
                key={question.key}
                question={question}
                shown={shown(list.listId, question.key)}
                pending={command.pending}
                onShow={(on) => void command.run('screen:question', { question: on ? { listId: list.listId, key: question.key } : null })}
              />
            ))}
          </ul>
        </div>
      ))}
      <CommandError error={command.error} />
    </section>
  );
}

function QuestionLine(props: { question: QuestionCounts; shown: boolean; pending: boolean; onShow: (on: boolean) => void }) {
  const { t, i18n } = useTranslation();
  const { question, shown, pending, onShow } = props;
  const text = localText(question.text, i18n.language);
  return (
    <li data-question={question.key}>
      <p className="question-totals-text">{text}</p>
      <p className="question-totals-values">
        {answerBars(t, question, question.values, i18n.language).map((bar) => (
          <span key={bar.key} data-value={bar.key}>
            {bar.label} <strong>{formatCount(bar.value)}</strong>
          </span>
        ))}
        <span className="muted">{t('boardQuestions.answered', { count: question.answered, formatted: formatCount(question.answered) })}</span>
      </p>
      <button type="button" aria-pressed={shown} aria-disabled={pending} aria-label={t('boardQuestions.showLabel', { question: text })} onClick={() => !pending && onShow(!shown)}>
        {t('boardQuestions.show')}
      </button>
    </li>
  );
}
