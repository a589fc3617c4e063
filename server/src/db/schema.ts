// All tables in one module. Times are epoch milliseconds; phones are E.164.
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

const createdAt = () => integer('created_at').notNull();
// Counters kept in the same transaction as each outcome, so leaderboards never scan contacts.
const counters = () => ({
  contactsCount: integer('contacts_count').notNull().default(0),
  personsCalled: integer('persons_called').notNull().default(0),
  attempts: integer('attempts').notNull().default(0),
  answered: integer('answered').notNull().default(0),
  conversations: integer('conversations').notNull().default(0),
});

export const municipalities = sqliteTable('municipalities', {
  code: text('code').primaryKey(), // official four-digit code, e.g. 0180
  name: text('name').notNull(),
});

export const associations = sqliteTable(
  'associations',
  {
    id: integer('id').primaryKey(),
    municipalityCode: text('municipality_code')
      .notNull()
      .references(() => municipalities.code),
    name: text('name').notNull(),
  },
  (t) => [uniqueIndex('associations_name_unique').on(t.name)],
);

export const callLists = sqliteTable(
  'call_lists',
  {
    id: integer('id').primaryKey(),
    associationId: integer('association_id')
      .notNull()
      .references(() => associations.id),
    name: text('name').notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    createdAt: createdAt(),
    ...counters(),
  },
  (t) => [index('call_lists_association').on(t.associationId)],
);

/**
 * status: `ready` (offered once next_call_at has passed), `held` (leased to a station,
 * directly or because another contact with the same number is), `done` (never offered again;
 * closed_reason says why).
 */
export const contacts = sqliteTable(
  'contacts',
  {
    id: integer('id').primaryKey(),
    listId: integer('list_id')
      .notNull()
      .references(() => callLists.id),
    name: text('name').notNull(),
    phone: text('phone').notNull(),
    votingDistrict: text('voting_district'),
    priority: integer('priority').notNull().default(2),
    status: text('status', { enum: ['ready', 'held', 'done'] })
      .notNull()
      .default('ready'),
    closedReason: text('closed_reason'),
    attempts: integer('attempts').notNull().default(0),
    lastOutcome: text('last_outcome'),
    lastAttemptAt: integer('last_attempt_at'),
    nextCallAt: integer('next_call_at').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    // The claim probe: one LIMIT 1 seek per list and priority over ready contacts only.
    index('contacts_claim')
      .on(t.listId, t.priority, t.nextCallAt, t.id)
      .where(sql`status = 'ready'`),
    index('contacts_phone').on(t.phone),
    uniqueIndex('contacts_list_phone').on(t.listId, t.phone),
  ],
);

export const doNotCall = sqliteTable('do_not_call', {
  phone: text('phone').primaryKey(),
  addedAt: integer('added_at').notNull(),
  source: text('source').notNull(),
});

export const stations = sqliteTable(
  'stations',
  {
    id: integer('id').primaryKey(),
    number: integer('number').notNull(),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    // null: all active lists; otherwise the one list this station calls.
    listId: integer('list_id').references(() => callLists.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('stations_number_unique').on(t.number), uniqueIndex('stations_token_hash').on(t.tokenHash)],
);

export const assignments = sqliteTable(
  'assignments',
  {
    id: text('id').primaryKey(), // uuid, the idempotency key of the outcome
    stationId: integer('station_id')
      .notNull()
      .references(() => stations.id),
    contactId: integer('contact_id')
      .notNull()
      .references(() => contacts.id),
    phone: text('phone').notNull(),
    status: text('status', { enum: ['active', 'completed', 'skipped', 'expired'] }).notNull(),
    createdAt: createdAt(),
    expiresAt: integer('expires_at').notNull(),
    endedAt: integer('ended_at'),
  },
  (t) => [
    // The database itself refuses a second active lease per station or per number.
    uniqueIndex('assignments_one_per_station').on(t.stationId).where(sql`status = 'active'`),
    uniqueIndex('assignments_one_per_phone').on(t.phone).where(sql`status = 'active'`),
    index('assignments_expiry').on(t.expiresAt).where(sql`status = 'active'`),
  ],
);

export const calls = sqliteTable(
  'calls',
  {
    id: integer('id').primaryKey(),
    assignmentId: text('assignment_id').references(() => assignments.id),
    contactId: integer('contact_id')
      .notNull()
      .references(() => contacts.id),
    stationId: integer('station_id')
      .notNull()
      .references(() => stations.id),
    listId: integer('list_id')
      .notNull()
      .references(() => callLists.id),
    outcome: text('outcome').notNull(),
    startedAt: integer('started_at').notNull(),
    endedAt: integer('ended_at').notNull(),
    note: text('note'),
    callbackAt: integer('callback_at'),
  },
  (t) => [uniqueIndex('calls_assignment').on(t.assignmentId), index('calls_contact').on(t.contactId, t.endedAt)],
);

export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});
