import { sv } from '../i18n/sv.ts';
import { sortStandings, totalsOf, type LeaderboardView } from './standings.ts';

interface LeaderboardTableProps {
  view: LeaderboardView | null;
  /** The current contact's municipality, marked so the volunteer sees where they count. */
  highlightCode?: string;
}

const COLUMNS = ['conversations', 'attempts', 'answered', 'personsCalled', 'contacts'] as const;
const numberFormat = new Intl.NumberFormat('sv-SE');

export function LeaderboardTable({ view, highlightCode }: LeaderboardTableProps) {
  const standings = view ? sortStandings(view.leaderboard.municipalities) : [];
  const totals = totalsOf(standings);
  return (
    <section className="leaderboard" aria-labelledby="leaderboard-heading">
      <h2 id="leaderboard-heading">{sv.leaderboard.heading}</h2>
      {standings.length === 0 ? (
        <p className="muted">{sv.leaderboard.empty}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{sv.leaderboard.municipality}</th>
                {COLUMNS.map((column) => (
                  <th key={column} scope="col" className="num">
                    {sv.leaderboard[column]}
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
                      {current && <span className="visually-hidden"> ({sv.leaderboard.yours})</span>}
                    </th>
                    {COLUMNS.map((column) => (
                      <td key={column} className="num">
                        {numberFormat.format(standing[column])}
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{sv.leaderboard.total}</th>
                {COLUMNS.map((column) => (
                  <td key={column} className="num">
                    {numberFormat.format(totals[column])}
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
