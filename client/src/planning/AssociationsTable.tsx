import { useTranslation } from 'react-i18next';
import { formatCount, formatShare } from '../lib/format-number.ts';
import type { AssociationFigures } from './planning-api.ts';

/** Per association, over the weeks shown: places booked, shifts attended, no-shows and pledged shifts. */
export function AssociationsTable({ associations }: { associations: AssociationFigures[] }) {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby="planning-associations-heading">
      <h2 id="planning-associations-heading">{t('planning.associationsHeading')}</h2>
      {associations.length === 0 ? (
        <p className="muted">{t('planning.noAssociations')}</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="planning-associations-heading">
          <table className="data-table" data-testid="associations-table">
            <thead>
              <tr>
                <th scope="col">{t('planning.association')}</th>
                <th scope="col" className="num">{t('planning.colBooked')}</th>
                <th scope="col" className="num">{t('planning.colAttended')}</th>
                <th scope="col" className="num">{t('planning.colNoShows')}</th>
                <th scope="col" className="num">{t('planning.colNoShowRate')}</th>
                <th scope="col" className="num">{t('planning.colPledged')}</th>
              </tr>
            </thead>
            <tbody>
              {associations.map((association) => (
                <tr key={association.id}>
                  <th scope="row">{association.name}</th>
                  <td className="num" data-figure="booked">{formatCount(association.booked)}</td>
                  <td className="num" data-figure="attended">{formatCount(association.attended)}</td>
                  <td className="num" data-figure="noShows">{formatCount(association.noShows)}</td>
                  <td className="num" data-figure="noShowRate">{association.noShowRate === null ? t('format.none') : formatShare(association.noShowRate, 1)}</td>
                  <td className="num" data-figure="pledged">{formatCount(association.pledged)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
