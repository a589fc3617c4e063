import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { copyFieldText, type CopyResult } from './secure-context/clipboard.ts';

/** A link to hand on: a labelled read-only field, a copy button, and what the copy did. */
export function CopyLink({ id, label, url, testId }: { id: string; label: string; url: string; testId?: string }) {
  const { t } = useTranslation();
  const field = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<CopyResult | null>(null);
  return (
    <div className="field copy-link">
      <label htmlFor={id}>{label}</label>
      <div className="button-row">
        <input id={id} ref={field} readOnly value={url} data-testid={testId} onFocus={(event) => event.target.select()} />
        <button type="button" onClick={() => void (field.current && copyFieldText(field.current).then(setCopied))}>
          {t('copyLink.copy')}
        </button>
      </div>
      <p className="notice" aria-live="polite">
        {copied === 'copied' ? t('copyLink.copied') : copied === 'selected' ? t('copyLink.selected') : ''}
      </p>
    </div>
  );
}
