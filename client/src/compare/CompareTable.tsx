import { useTranslation } from 'react-i18next';
import type { ComparedCampaign } from '@ringstuga/shared';
import { formatCount, formatShare } from '../lib/format-number.ts';

interface Row {
  key: string;
  name: string;
  campaign: string;
  attempts: number;
  answered: number;
  conversations: number;
}

/** Each name's rows together, one per campaign, so the same association reads side by side. */
function rowsOf(campaigns: readonly ComparedCampaign[], pick: (campaign: ComparedCampaign) => { key: string; name: string; attempts: number; answered: number; conversations: number }[]): Row[] {
  const rows = campaigns.flatMap((campaign, order) => pick(campaign).map((row) => ({ ...row, key: `${row.key}-${campaign.id}`, campaign: campaign.name, order })));
  return rows.sort((a, b) => a.name.localeCompare(b.name, 'sv') || a.order - b.order);
}

function FiguresTable({ caption, nameHeading, rows, testId }: { caption: string; nameHeading: string; rows: Row[]; testId: string }) {
  const { t } = useTranslation();
  // Focusable, so a keyboard can scroll it sideways on a phone.
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
      <table className="data-table" data-testid={testId}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{nameHeading}</th>
            <th scope="col">{t('compare.table.campaign')}</th>
            <th scope="col" className="num">{t('compare.figures.attempts')}</th>
            <th scope="col" className="num">{t('compare.figures.answered')}</th>
            <th scope="col" className="num">{t('compare.figures.conversations')}</th>
            <th scope="col" className="num">{t('compare.table.answeredRate')}</th>
            <th scope="col" className="num">{t('compare.table.conversationRate')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.name}</th>
              <td>{row.campaign}</td>
              <td className="num">{formatCount(row.attempts)}</td>
              <td className="num">{formatCount(row.answered)}</td>
              <td className="num">{formatCount(row.conversations)}</td>
              <td className="num">{formatShare(row.answered, row.attempts)}</td>
              <td className="num">{formatShare(row.conversations, row.attempts)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 && <p className="muted">{t('compare.table.none')}</p>}
    </div>
  );
}

/** The campaigns' calls per association and per municipality, with rates per attempt. */
export function CompareTable({ campaigns }: { campaigns: readonly ComparedCampaign[] }) {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby="compare-table-heading">
      <h2 id="compare-table-heading">{t('compare.table.heading')}</h2>
      <p className="muted">{t('compare.table.hint')}</p>
      <FiguresTable
        caption={t('compare.table.association')}
        nameHeading={t('compare.table.association')}
        rows={rowsOf(campaigns, (campaign) => campaign.associations.map((row) => ({ ...row, key: `a${row.id}` })))}
        testId="compare-associations"
      />
      <FiguresTable
        caption={t('compare.table.municipality')}
        nameHeading={t('compare.table.municipality')}
        rows={rowsOf(campaigns, (campaign) => campaign.municipalities.map((row) => ({ ...row, key: `m${row.code}` })))}
        testId="compare-municipalities"
      />
    </section>
  );
}
