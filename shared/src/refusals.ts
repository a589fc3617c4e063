/**
 * Why the server refused a request, where a person meets the refusal in a page: a file an
 * association imports, a booking, a session a leader plans. The page says it in its own language
 * from `reason` and `params`; the error's `message` beside them stays English, for tools and logs.
 * Each reason names the params its texts use (the client's translations are checked against them).
 */
export const REFUSAL_PARAMS = {
  // A file to import.
  file_empty: [],
  file_without_rows: [],
  no_name_column: [],
  no_phone_column: [],
  column_missing: ['column'],
  csv_unreadable: [],
  file_utf16: [],
  not_a_workbook: [],
  workbook_damaged: [],
  workbook_without_sheet: [],
  workbook_too_wide: ['max'],
  too_many_rows: ['max'],
  workbook_inflates: ['entryMb', 'totalMb'],
  import_out_of_memory: [],
  request_too_large: [],
  list_importing: [],
  list_campaign_archived: [],
  // A volunteer's booking.
  session_started: [],
  booking_attended: [],
  session_not_bookable: [],
  team_link_association: [],
  // An association's team and pledges.
  team_places: ['free'],
  pledge_date: ['date'],
  // A leader's sessions.
  session_ends_before_start: [],
  session_outside_hours: ['hours', 'zone'],
  session_overlaps: ['at'],
  session_over_stations: ['stations'],
  room_without_stations: [],
  series_empty: [],
  series_too_long: ['max'],
  capacity_below_taken: [],
  session_cancelled: [],
  // Campaigns.
  no_active_campaign: [],
  campaign_name_taken: ['name'],
  campaign_ends_before_start: [],
  campaign_archived: [],
  // The admin's set-up: associations and rooms.
  association_elsewhere: ['name', 'municipality', 'code'],
  municipality_named: ['code', 'municipality'],
  room_name_taken: [],
  // Any token: too many wrong ones from one address.
  too_many_failed_logins: ['seconds'],
  // A page's live connection (a station, a phone, a leader's board, a big screen) refused at its start.
  link_refused: [],
  pairing_refused: [],
  too_many_failed_joins: [],
  join_unavailable: [],
} as const satisfies Record<string, readonly string[]>;

export type RefusalReason = keyof typeof REFUSAL_PARAMS;
type ParamsOf<R extends RefusalReason> = (typeof REFUSAL_PARAMS)[R][number];

/** A reason with exactly the params its texts use. */
export type Why = {
  [R in RefusalReason]: [ParamsOf<R>] extends [never] ? { reason: R } : { reason: R; params: Record<ParamsOf<R>, string | number> };
}[RefusalReason];

export const isRefusalReason = (value: unknown): value is RefusalReason => typeof value === 'string' && Object.hasOwn(REFUSAL_PARAMS, value);

/** Every reason, for a schema's enum. */
export const REFUSAL_REASONS = Object.keys(REFUSAL_PARAMS) as [RefusalReason, ...RefusalReason[]];

/** HTTP error codes that mean the same whichever route answers them: a page says them in its own words where no reason is given. */
export const GENERAL_REFUSAL_CODES = ['not_found', 'invalid_phone', 'too_many_requests', 'internal', 'unavailable'] as const;
export type GeneralRefusalCode = (typeof GENERAL_REFUSAL_CODES)[number];
