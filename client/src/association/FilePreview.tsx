import type { ImportPreview } from '@ringstuga/shared';
import { interpolate } from '../i18n/interpolate.ts';
import { sv } from '../i18n/sv.ts';
import { formatCount } from '../lib/format-number.ts';

/** What the server read: the encoding and separator it detected, and the first rows cell by cell. */
export function FilePreview({ fileName, preview }: { fileName: string; preview: ImportPreview }) {
  return (
    <div className="file-preview" data-testid="import-preview">
      <h4>{sv.listImport.fileHeading}</h4>
      <p>{interpolate(sv.listImport.fileFacts, { name: fileName, rows: formatCount(preview.rows) })}</p>
      <dl className="facts">
        <div>
          {/* A workbook has no text encoding: the fact is then what kind of file it is. */}
          <dt>{preview.encoding === 'xlsx' ? sv.listImport.fileType : sv.listImport.encoding}</dt>
          <dd data-testid="import-encoding">{sv.listImport.encodings[preview.encoding]}</dd>
        </div>
        {preview.separator !== null && (
          <div>
            <dt>{sv.listImport.separator}</dt>
            <dd data-testid="import-separator">{sv.listImport.separators[preview.separator]}</dd>
          </div>
        )}
      </dl>
      <div className="table-scroll">
        <table className="data-table sample-rows" data-testid="import-sample">
          <caption>{sv.listImport.sampleCaption}</caption>
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
