import type { ImportMapping } from '@ringstuga/shared';
import { ImportFileError } from './import-error.ts';

// Where each field's cells are: resolved once per file, so the row loop indexes arrays only.

export const ABSENT = -1;

/** Column index per field; ABSENT when nothing fills it. */
export interface Columns {
  name: number;
  firstName: number;
  lastName: number;
  phone: number;
  altPhone: number;
  votingDistrict: number;
  priority: number;
  preferredLanguage: number;
  externalId: number;
}

function columnOf(headers: string[], header: string | undefined): number {
  if (header === undefined) return ABSENT;
  const index = headers.indexOf(header.trim());
  if (index === ABSENT) throw new ImportFileError(`No column named "${header}" in the file`, { reason: 'column_missing', params: { column: header } });
  return index;
}

/** The columns the mapping names; a header not in the file is an ImportFileError. */
export function resolveColumns(headers: string[], mapping: ImportMapping, nameParts?: [string, string]): Columns {
  const columns: Columns = {
    name: columnOf(headers, mapping.name),
    // The schema cannot name two columns for one field, so a split name is always recognised.
    firstName: mapping.name === undefined && nameParts ? columnOf(headers, nameParts[0]) : ABSENT,
    lastName: mapping.name === undefined && nameParts ? columnOf(headers, nameParts[1]) : ABSENT,
    phone: columnOf(headers, mapping.phone),
    altPhone: columnOf(headers, mapping.altPhone),
    votingDistrict: columnOf(headers, mapping.votingDistrict),
    priority: columnOf(headers, mapping.priority),
    preferredLanguage: columnOf(headers, mapping.preferredLanguage),
    externalId: columnOf(headers, mapping.externalId),
  };
  return columns;
}

/** Why these columns cannot be imported (no name or no phone column), or null. */
export function missingColumn(columns: Columns): ImportFileError | null {
  if (columns.name === ABSENT && columns.firstName === ABSENT) return new ImportFileError('No column is chosen for the name', { reason: 'no_name_column' });
  if (columns.phone === ABSENT) return new ImportFileError('No column is chosen for the phone number', { reason: 'no_phone_column' });
  return null;
}

export function cellAt(cells: string[], column: number): string {
  // Trimmed here, for the mapped columns only: csv-parse's trim doubles its parse time.
  return column === ABSENT ? '' : (cells[column] ?? '').trim();
}
