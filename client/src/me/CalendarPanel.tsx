import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CopyLink } from '../lib/CopyLink.tsx';
import { downloadWithToken } from '../lib/download.ts';

/** The bookings as a file to import once, or a feed a calendar app follows (the token in its URL: such apps send no headers). */
export function CalendarPanel({ token }: { token: string }) {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<string | null>(null);
  const feed = `${window.location.origin}/api/me/calendar.ics?token=${encodeURIComponent(token)}`;
  return (
    <section className="panel" aria-labelledby="calendar-heading">
      <h2 id="calendar-heading">{t('me.calendarHeading')}</h2>
      <button type="button" onClick={() => void downloadWithToken('/api/me/calendar.ics', token, 'ringstuga.ics').then(setProblem)}>
        {t('me.calendarDownload')}
      </button>
      {problem && (
        <p className="command-error" role="alert">
          {problem}
        </p>
      )}
      <p className="muted">{t('me.calendarFeedHint')}</p>
      <CopyLink id="calendar-feed-url" label={t('me.calendarFeedLabel')} url={feed} testId="calendar-feed" />
    </section>
  );
}
