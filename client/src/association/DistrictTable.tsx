import type { ListProgress } from '@ringstuga/shared';
import { useTranslation } from 'react-i18next';
import { formatCount, formatShare } from '../lib/format-number.ts';
import { districtName } from './district-bars.ts';

const COLUMNS = ['contacts', 'personsCalled', 'coverage', 'attempts', 'answered', 'conversations'] as const;

function cell(district: ListProgress['districts'][number], column: (typeof COLUMNS)[number]): string {
  if (column === 'coverage') return formatShare(district.personsCalled, district.contacts);
  return formatCount(district[column]);
}

/** Per voting district: the figures the 2018 analysis set beside the election result. */
export function DistrictTable({ districts }: { districts: ListProgress['districts'] }) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll">
      <table className="data-table district-table" data-testid="district-table">
        <caption>{t('listProgress.districtsCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('listProgress.district')}</th>
            {COLUMNS.map((column) => (
              <th key={column} scope="col" className="num">
                {t(`listProgress.${column}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {districts.length === 0 && (
            <tr>
              <td colSpan={COLUMNS.length + 1} className="muted">
                {t('listProgress.districtsEmpty')}
              </td>
            </tr>
          )}
          {districts.map((district) => (
            <tr key={district.district} data-district={district.district}>
              <th scope="row">{districtName(t, district)}</th>
              {COLUMNS.map((column) => (
                <td key={column} className="num" data-column={column}>
                  {cell(district, column)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
