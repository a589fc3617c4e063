import { formatPhoneForDisplay } from '@ringstuga/shared/phone';
import type { ExportColumn, ExportTable } from '../exports/export-table.ts';
import type { ChangeRow } from './changes.repo.ts';

// A list's changes for the association's own member register, as one table the export routes
// write as CSV or as a workbook. The number twice: E.164 as the other exports give it, and as a
// Swedish register writes it (070-123 45 67); both are text, so a leading + or zero stays.

const COLUMNS: ExportColumn<ChangeRow>[] = [
  { header: 'external_id', type: 'text', width: 14, value: (row) => row.externalId },
  { header: 'name', type: 'text', width: 26, value: (row) => row.name },
  { header: 'phone', type: 'text', width: 16, value: (row) => row.phone },
  { header: 'phone_national', type: 'text', width: 16, value: (row) => formatPhoneForDisplay(row.phone) },
  { header: 'change', type: 'text', width: 14, value: (row) => row.change },
  { header: 'changed_at', type: 'time', width: 17, value: (row) => row.at },
];

export function changesTable(rows: ChangeRow[]): ExportTable<ChangeRow> {
  return { columns: COLUMNS, rows };
}
