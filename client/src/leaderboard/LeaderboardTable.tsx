import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCount } from '../lib/format-number.ts';
import { sortStandings, totalsOf, type LeaderboardView } from './standings.ts';

interface LeaderboardTableProps {
  view: LeaderboardView | null;
  /** The current contact's municipality, marked so the volunteer sees where they count. */
  highlightCode?: string;
}

const COLUMNS = ['conversations', 'attempts', 'answered', 'personsCalled', 'contacts'] as const;

export function LeaderboardTable({ view, highlightCode }: LeaderboardTableProps) {
  const { t } = useTranslation();
  // Where several campaigns are active, the volunteer may look at one of them (null: all together).
  const [chosen, setChosen] = useState<number | null>(null);
  const running = view?.leaderboard.campaigns ?? [];
  const campaign = running.find((item) => item.id === chosen);
  const standings = view ? sortStandings((campaign ?? view.leaderboard).municipalities) : [];
  const totals = totalsOf(standings);
  return (
    <section className="leaderboard" aria-labelledby="leaderboard-heading">
      <h2 id="leaderboard-heading">{t('leaderboard.heading')}</h2>
      {running.length > 1 && (
        <div className="field">
          <label htmlFor="leaderboard-campaign">{t('leaderboard.campaign')}</label>
          <select id="leaderboard-campaign" value={campaign ? String(campaign.id) : ''} onChange={(event) => setChosen(event.target.value ? Number(event.target.value) : null)}>
            <option value="">{t('leaderboard.allCampaigns')}</option>
            {running.map((item) => (
              <option key={item.id} value={String(item.id)}>
                {item.name}
              </option>
            ))}
          </select>
        </div>
      )}
      {standings.length === 0 ? (
        <p className="muted">{t('leaderboard.empty')}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('leaderboard.municipality')}</th>
                {COLUMNS.map((column) => (
                  <th key={column} scope="col" className="num">
                    {t(`leaderboard.${column}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {standings.map((standing) => {
                const changed = view!.changed.has(standing.code);
                const current = standing.code === highlightCode;
                const classes = [changed ? 'flash' : '', current ? 'current' : ''].join(' ').trim();
                return (
                  // A changed row gets a fresh key so its flash animation starts over.
                  <tr key={changed ? `${standing.code}-${view!.version}` : standing.code} className={classes}>
                    <th scope="row">
                      {standing.name}
                      {current && <span className="visually-hidden"> ({t('leaderboard.yours')})</span>}
                    </th>
                    {COLUMNS.map((column) => (
                      <td key={column} className="num">
                        {formatCount(standing[column])}
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('leaderboard.total')}</th>
                {COLUMNS.map((column) => (
                  <td key={column} className="num">
                    {formatCount(totals[column])}
                  </td>
                ))}
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </section>
  );
}
