import type { Figures } from '@ringstuga/shared';
import { useTranslation } from 'react-i18next';
import { formatCount, formatShare } from '../lib/format-number.ts';

interface PaceFiguresProps {
  title: string;
  figures: Figures;
  testId?: string;
}

/** Attempts, answered and conversations, with the two rates that say how calling is going. */
export function PaceFigures({ title, figures, testId }: PaceFiguresProps) {
  const { t } = useTranslation();
  const rows = [
    { key: 'attempts', label: t('pace.attempts'), value: formatCount(figures.attempts) },
    { key: 'answered', label: t('pace.answered'), value: formatCount(figures.answered) },
    { key: 'conversations', label: t('pace.conversations'), value: formatCount(figures.conversations) },
    { key: 'answer-rate', label: t('pace.answerRate'), value: formatShare(figures.answered, figures.attempts) },
    { key: 'conversation-rate', label: t('pace.conversationRate'), value: formatShare(figures.conversations, figures.attempts) },
  ];
  return (
    <div className="pace-figures" data-testid={testId}>
      <h3>{title}</h3>
      <dl className="figures">
        {rows.map((row) => (
          <div key={row.key}>
            <dt>{row.label}</dt>
            <dd data-figure={row.key}>{row.value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
