/**
 * A database from before shifts carried their volunteer (migrations up to SQLite's 0013 and
 * PostgreSQL's 0003), the same rows on either store: Anna's first shift carried by both her
 * bookings, a walk-in's shift, and Anna's shift after an idle check-out, which no booking carries.
 */
export const BOOKED_SHIFTS_ROWS = `
  INSERT INTO stations (id, number, name, token_hash, created_at) VALUES (1, 1, 'Station 1', 'h1', 0), (2, 2, 'Station 2', 'h2', 0);
  INSERT INTO calling_sessions (id, room_id, starts_at, ends_at, capacity, created_at) VALUES (1, 1, 0, 7200000, 4, 0), (2, 1, 7200000, 14400000, 4, 0);
  INSERT INTO volunteers (id, name, token_hash, created_at) VALUES (1, 'Anna', 't1', 0);
  INSERT INTO shifts (id, station_id, room_id, name, started_at, ended_at, end_reason, last_activity_at) VALUES
    (1, 1, 1, 'Anna', 0, 8000000, 'idle', 0), (2, 2, 1, 'Walk-in', 0, 3600000, 'checkout', 0), (3, 1, 1, 'Anna', 9000000, NULL, NULL, 9000000);
  INSERT INTO bookings (id, session_id, volunteer_id, status, shift_id, created_at, updated_at) VALUES
    (1, 1, 1, 'attended', 1, 0, 0), (2, 2, 1, 'attended', 1, 0, 0);
`;

/** After the migration: the booked shift is Anna's; nothing tells that shift 3 was hers. */
export const BOOKED_SHIFTS_AFTER = [
  { id: 1, volunteer_id: 1 },
  { id: 2, volunteer_id: null },
  { id: 3, volunteer_id: null },
];
