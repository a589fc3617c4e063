import type { ImportPreview } from '@ringstuga/shared';
import { useTranslation } from 'react-i18next';
import { formatCount } from '../lib/format-number.ts';

/** What the server read: the encoding and separator it detected, and the first rows cell by cell. */
export function FilePreview({ fileName, preview }: { fileName: string; preview: ImportPreview }) {
  const { t } = useTranslation();
  return (
    <div className="file-preview" data-testid="import-preview">
      <h4>{t('listImport.fileHeading')}</h4>
      <p>{t('listImport.fileFacts', { count: preview.rows, name: fileName, rows: formatCount(preview.rows) })}</p>
      <dl className="facts">
        <div>
          {/* A workbook has no text encoding: the fact is then what kind of file it is. */}
          <dt>{preview.encoding === 'xlsx' ? t('listImport.fileType') : t('listImport.encoding')}</dt>
          <dd data-testid="import-encoding">{t(`listImport.encodings.${preview.encoding}`)}</dd>
        </div>
        {preview.separator !== null && (
          <div>
            <dt>{t('listImport.separator')}</dt>
            <dd data-testid="import-separator">{t(`listImport.separators.${preview.separator}`)}</dd>
          </div>
        )}
      </dl>
      <div className="table-scroll">
        <table className="data-table sample-rows" data-testid="import-sample">
          <caption>{t('listImport.sampleCaption')}</caption>
          <thead>
            <tr>
              {preview.headers.map((header, index) => (
                <th key={`${index}-${header}`} scope="col">
                  {header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.sample.map((cells, row) => (
              <tr key={row}>
                {preview.headers.map((header, column) => (
                  <td key={`${column}-${header}`} className="cell-value">
                    {cells[column] ?? ''}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
