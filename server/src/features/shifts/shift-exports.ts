import type { VolunteerTotals, VolunteerTotalsRow } from '@ringstuga/shared';
import type { ExportColumn, ExportTable } from '../exports/export-table.ts';
import { HOUR_MS } from '../figures/campaign-figures.ts';
import type { ShiftsRepo } from './shifts.repo.ts';

// The shifts and the campaign totals as tables, for the exports (CSV and workbook alike).

type ShiftExportRow = Awaited<ReturnType<ShiftsRepo['all']>>[number];

/** Every shift with its volunteer, association, times and figures; an open one counted up to `now`. */
export function shiftsTable(shifts: ShiftExportRow[], now: number): ExportTable<ShiftExportRow> {
  const columns: ExportColumn<ShiftExportRow>[] = [
    { header: 'shift', type: 'text', width: 8, value: (s) => s.id },
    { header: 'room', type: 'text', width: 16, value: (s) => s.roomName },
    { header: 'station', type: 'number', width: 8, value: (s) => s.stationNumber },
    { header: 'volunteer', type: 'text', width: 20, value: (s) => s.name },
    { header: 'association', type: 'text', width: 24, value: (s) => s.associationName },
    { header: 'languages', type: 'text', width: 10, value: (s) => s.languages.join(' ') || null },
    { header: 'started', type: 'time', width: 17, value: (s) => s.startedAt },
    { header: 'ended', type: 'time', width: 17, value: (s) => s.endedAt },
    { header: 'end_reason', type: 'text', width: 11, value: (s) => s.endReason ?? 'open' },
    { header: 'hours', type: 'number', decimals: 2, width: 7, value: (s) => ((s.endedAt ?? now) - s.startedAt) / HOUR_MS },
    { header: 'attempts', type: 'number', width: 9, value: (s) => s.attempts },
    { header: 'answered', type: 'number', width: 9, value: (s) => s.answered },
    { header: 'conversations', type: 'number', width: 13, value: (s) => s.conversations },
  ];
  return { columns, rows: shifts };
}

type ScopeRow = VolunteerTotalsRow & { scope: 'campaign' | 'association' | 'room'; id: number | null; name: string | null };

const TOTALS_COLUMNS: ExportColumn<ScopeRow>[] = [
  { header: 'scope', type: 'text', width: 12, value: (r) => r.scope },
  { header: 'id', type: 'text', width: 6, value: (r) => r.id },
  { header: 'name', type: 'text', width: 24, value: (r) => r.name },
  { header: 'volunteers', type: 'number', width: 11, value: (r) => r.volunteers },
  { header: 'shifts', type: 'number', width: 8, value: (r) => r.shifts },
  { header: 'volunteer_hours', type: 'number', width: 15, value: (r) => r.volunteerHours },
  { header: 'attempts', type: 'number', width: 9, value: (r) => r.attempts },
  { header: 'answered', type: 'number', width: 9, value: (r) => r.answered },
  { header: 'conversations', type: 'number', width: 13, value: (r) => r.conversations },
  { header: 'attempts_per_volunteer_hour', type: 'number', width: 26, value: (r) => r.attemptsPerVolunteerHour },
];

/** One row per scope: the campaign, each association, each room. */
export function volunteerTotalsTable(totals: VolunteerTotals): ExportTable<ScopeRow> {
  return {
    columns: TOTALS_COLUMNS,
    rows: [
      { scope: 'campaign', id: null, name: null, ...totals.campaign },
      ...totals.associations.map((a): ScopeRow => ({ scope: 'association', ...a })),
      ...totals.rooms.map((r): ScopeRow => ({ scope: 'room', ...r })),
    ],
  };
}
