import { zAccessLink } from '@ringstuga/shared';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorDetail } from '../lib/http.ts';
import { copyFieldText, type CopyResult } from '../lib/secure-context/clipboard.ts';

type LinkState =
  | { kind: 'idle' }
  | { kind: 'creating' }
  | { kind: 'created'; url: string; copied: CopyResult | null }
  | { kind: 'failed'; detail: string | null };

/** Makes a read-only link for the room's big screen with the leader's own token. */
export function ScreenLink({ token }: { token: string }) {
  const { t } = useTranslation();
  const [link, setLink] = useState<LinkState>({ kind: 'idle' });
  const field = useRef<HTMLInputElement>(null);

  const create = async () => {
    if (link.kind === 'creating') return;
    setLink({ kind: 'creating' });
    try {
      const response = await fetch('/api/screen-links', {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: '{}',
      });
      if (!response.ok) {
        setLink({ kind: 'failed', detail: (await errorDetail(response)) ?? `HTTP ${response.status}` });
        return;
      }
      const parsed = zAccessLink.safeParse(await response.json());
      setLink(parsed.success ? { kind: 'created', url: parsed.data.url, copied: null } : { kind: 'failed', detail: t('errors.badResponse') });
    } catch {
      setLink({ kind: 'failed', detail: t('errors.disconnected') });
    }
  };

  const copy = async (url: string) => {
    if (!field.current) return;
    setLink({ kind: 'created', url, copied: await copyFieldText(field.current) });
  };

  return (
    <section className="panel screen-link" aria-labelledby="screen-link-heading">
      <h2 id="screen-link-heading">{t('screenLink.heading')}</h2>
      <p className="muted">{t('screenLink.hint')}</p>
      <button type="button" aria-disabled={link.kind === 'creating'} onClick={() => void create()}>
        {link.kind === 'creating' ? t('screenLink.creating') : t('screenLink.create')}
      </button>
      {link.kind === 'failed' && (
        <p className="command-error" role="alert">
          {t('screenLink.failed')}
          {link.detail && <span className="alert-detail"> {link.detail}</span>}
        </p>
      )}
      {link.kind === 'created' && (
        <div className="field screen-link-result">
          <label htmlFor="screen-link-url">{t('screenLink.label')}</label>
          <div className="button-row">
            <input
              id="screen-link-url"
              data-testid="screen-link-url"
              ref={field}
              readOnly
              value={link.url}
              onFocus={(event) => event.target.select()}
            />
            <button type="button" onClick={() => void copy(link.url)}>
              {t('screenLink.copy')}
            </button>
          </div>
        </div>
      )}
      <p className="notice" aria-live="polite">
        {link.kind === 'created' && link.copied === 'copied' ? t('screenLink.copied') : ''}
        {link.kind === 'created' && link.copied === 'selected' ? t('screenLink.copySelected') : ''}
      </p>
    </section>
  );
}
