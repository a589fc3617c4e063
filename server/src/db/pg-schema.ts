// The same tables as schema.ts, in PostgreSQL's types (what each table and column means is
// written there). Feature queries are built from schema.ts's objects and run on both stores, so
// names, keys, defaults, indexes and partial-index predicates must agree: test/integration/db/
// schema-agreement.test.ts checks them. Epoch-millisecond times are bigint; boolean and JSON
// columns stay integer 0/1 and JSON text, the values SQLite's column mappers read.
import { sql } from 'drizzle-orm';
import { bigint, index, integer, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';

const createdAt = () => bigint('created_at', { mode: 'number' }).notNull();
const counters = () => ({
  contactsCount: integer('contacts_count').notNull().default(0),
  personsCalled: integer('persons_called').notNull().default(0),
  attempts: integer('attempts').notNull().default(0),
  answered: integer('answered').notNull().default(0),
  conversations: integer('conversations').notNull().default(0),
});

export const campaigns = pgTable(
  'campaigns',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    name: text('name').notNull(),
    startsOn: text('starts_on').notNull(),
    electionDay: text('election_day'),
    endsOn: text('ends_on'),
    status: text('status', { enum: ['active', 'archived'] })
      .notNull()
      .default('active'),
    copiedFrom: integer('copied_from'),
    createdAt: createdAt(),
    archivedAt: bigint('archived_at', { mode: 'number' }),
  },
  (t) => [uniqueIndex('campaigns_name_unique').on(t.name)],
);

const campaignId = () => integer('campaign_id').notNull().default(1);

export const rooms = pgTable(
  'rooms',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    name: text('name').notNull(),
    address: text('address'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('rooms_name_unique').on(t.name)],
);

export const municipalities = pgTable('municipalities', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
});

export const associations = pgTable(
  'associations',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    municipalityCode: text('municipality_code')
      .notNull()
      .references(() => municipalities.code),
    name: text('name').notNull(),
  },
  (t) => [uniqueIndex('associations_name_unique').on(t.name)],
);

export const callLists = pgTable(
  'call_lists',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    associationId: integer('association_id')
      .notNull()
      .references(() => associations.id),
    name: text('name').notNull(),
    active: integer('active').notNull().default(1),
    script: text('script'),
    instructions: text('instructions'),
    notesEnabled: integer('notes_enabled').notNull().default(1),
    importing: integer('importing').notNull().default(0),
    deletedAt: bigint('deleted_at', { mode: 'number' }),
    campaignId: campaignId(),
    createdAt: createdAt(),
    ...counters(),
  },
  (t) => [index('call_lists_association').on(t.associationId), index('call_lists_campaign').on(t.campaignId)],
);

export const contacts = pgTable(
  'contacts',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    listId: integer('list_id')
      .notNull()
      .references(() => callLists.id),
    name: text('name').notNull(),
    phone: text('phone').notNull(),
    altPhone: text('alt_phone'),
    externalId: text('external_id'),
    preferredLanguage: text('preferred_language'),
    votingDistrict: text('voting_district'),
    priority: integer('priority').notNull().default(2),
    needsSpeaker: integer('needs_speaker').notNull().default(0),
    status: text('status', { enum: ['ready', 'held', 'done'] })
      .notNull()
      .default('ready'),
    closedReason: text('closed_reason'),
    attempts: integer('attempts').notNull().default(0),
    lastOutcome: text('last_outcome'),
    lastAttemptAt: bigint('last_attempt_at', { mode: 'number' }),
    nextCallAt: bigint('next_call_at', { mode: 'number' }).notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    index('contacts_claim_any')
      .on(t.listId, t.priority, t.nextCallAt, t.id)
      .where(sql`status = 'ready' AND needs_speaker = 0`),
    index('contacts_claim_language')
      .on(t.listId, t.preferredLanguage, t.priority, t.nextCallAt, t.id)
      .where(sql`status = 'ready' AND preferred_language IS NOT NULL`),
    index('contacts_phone').on(t.phone),
    uniqueIndex('contacts_list_phone').on(t.listId, t.phone),
    uniqueIndex('contacts_list_external').on(t.listId, t.externalId).where(sql`external_id IS NOT NULL`),
  ],
);

export const doNotCall = pgTable('do_not_call', {
  phone: text('phone').primaryKey(),
  addedAt: bigint('added_at', { mode: 'number' }).notNull(),
  source: text('source').notNull(),
});

export const stations = pgTable(
  'stations',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    number: integer('number').notNull(),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    tokenGeneration: integer('token_generation').notNull().default(0),
    remote: integer('remote').notNull().default(0),
    createdByLink: integer('created_by_link'),
    renewedByLink: integer('renewed_by_link'),
    roomId: integer('room_id').notNull().default(1),
    listId: integer('list_id').references(() => callLists.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('stations_number_unique').on(t.number), uniqueIndex('stations_token_hash').on(t.tokenHash)],
);

export const shifts = pgTable(
  'shifts',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    stationId: integer('station_id')
      .notNull()
      .references(() => stations.id),
    roomId: integer('room_id')
      .notNull()
      .references(() => rooms.id),
    name: text('name').notNull(),
    associationId: integer('association_id').references(() => associations.id),
    languages: text('languages').notNull().default('[]'),
    startedAt: bigint('started_at', { mode: 'number' }).notNull(),
    endedAt: bigint('ended_at', { mode: 'number' }),
    endReason: text('end_reason', { enum: ['checkout', 'idle', 'replaced'] }),
    lastActivityAt: bigint('last_activity_at', { mode: 'number' }).notNull(),
    lastSeenAt: bigint('last_seen_at', { mode: 'number' }),
    attempts: integer('attempts').notNull().default(0),
    answered: integer('answered').notNull().default(0),
    conversations: integer('conversations').notNull().default(0),
    campaignId: campaignId(),
    // The booked volunteer checked in (null: a walk-in by name): finds their shift at another station when they move.
    volunteerId: integer('volunteer_id').references(() => volunteers.id),
  },
  (t) => [
    index('shifts_campaign_started').on(t.campaignId, t.startedAt),
    uniqueIndex('shifts_one_open_per_station').on(t.stationId).where(sql`ended_at IS NULL`),
    index('shifts_started').on(t.startedAt),
    index('shifts_volunteer').on(t.volunteerId),
  ],
);

export const assignments = pgTable(
  'assignments',
  {
    id: text('id').primaryKey(),
    stationId: integer('station_id')
      .notNull()
      .references(() => stations.id),
    contactId: integer('contact_id')
      .notNull()
      .references(() => contacts.id),
    phone: text('phone').notNull(),
    shiftId: integer('shift_id').references(() => shifts.id),
    status: text('status', { enum: ['active', 'completed', 'skipped', 'expired'] }).notNull(),
    createdAt: createdAt(),
    expiresAt: bigint('expires_at', { mode: 'number' }).notNull(),
    endedAt: bigint('ended_at', { mode: 'number' }),
  },
  (t) => [
    uniqueIndex('assignments_one_per_station').on(t.stationId).where(sql`status = 'active'`),
    uniqueIndex('assignments_one_per_phone').on(t.phone).where(sql`status = 'active'`),
    index('assignments_contact').on(t.contactId),
    index('assignments_expiry').on(t.expiresAt).where(sql`status = 'active'`),
  ],
);

export const calls = pgTable(
  'calls',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
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
    shiftId: integer('shift_id').references(() => shifts.id),
    outcome: text('outcome').notNull(),
    startedAt: bigint('started_at', { mode: 'number' }).notNull(),
    endedAt: bigint('ended_at', { mode: 'number' }).notNull(),
    note: text('note'),
    callbackAt: bigint('callback_at', { mode: 'number' }),
  },
  (t) => [
    uniqueIndex('calls_assignment').on(t.assignmentId),
    index('calls_contact').on(t.contactId, t.endedAt),
    index('calls_ended').on(t.endedAt),
  ],
);

export const activityHours = pgTable(
  'activity_hours',
  {
    hourStart: bigint('hour_start', { mode: 'number' }).notNull(),
    roomId: integer('room_id')
      .notNull()
      .references(() => rooms.id),
    listId: integer('list_id')
      .notNull()
      .references(() => callLists.id),
    attempts: integer('attempts').notNull().default(0),
    answered: integer('answered').notNull().default(0),
    conversations: integer('conversations').notNull().default(0),
    personsCalled: integer('persons_called').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.hourStart, t.roomId, t.listId] })],
);

export const districtArchive = pgTable(
  'district_archive',
  {
    listId: integer('list_id')
      .notNull()
      .references(() => callLists.id),
    district: text('district').notNull(),
    contacts: integer('contacts').notNull().default(0),
    personsCalled: integer('persons_called').notNull().default(0),
    attempts: integer('attempts').notNull().default(0),
    answered: integer('answered').notNull().default(0),
    conversations: integer('conversations').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.listId, t.district] })],
);

export const accessTokens = pgTable(
  'access_tokens',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    role: text('role', { enum: ['leader', 'screen'] }).notNull(),
    tokenHash: text('token_hash').notNull(),
    roomId: integer('room_id')
      .notNull()
      .references(() => rooms.id),
    label: text('label'),
    createdAt: createdAt(),
    revokedAt: bigint('revoked_at', { mode: 'number' }),
  },
  (t) => [uniqueIndex('access_tokens_hash').on(t.tokenHash)],
);

export const associationTokens = pgTable(
  'association_tokens',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    associationId: integer('association_id')
      .notNull()
      .references(() => associations.id),
    tokenHash: text('token_hash').notNull(),
    label: text('label'),
    createdAt: createdAt(),
    revokedAt: bigint('revoked_at', { mode: 'number' }),
  },
  (t) => [uniqueIndex('association_tokens_hash').on(t.tokenHash)],
);

export const imports = pgTable(
  'imports',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    listId: integer('list_id')
      .notNull()
      .references(() => callLists.id),
    actor: text('actor').notNull(),
    bytes: bigint('bytes', { mode: 'number' }).notNull().default(0),
    rows: integer('rows').notNull(),
    imported: integer('imported').notNull(),
    updated: integer('updated').notNull(),
    rejected: integer('rejected').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('imports_list').on(t.listId)],
);

export const auditLog = pgTable(
  'audit_log',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    at: bigint('at', { mode: 'number' }).notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    target: text('target').notNull(),
    detail: text('detail'),
  },
  (t) => [index('audit_log_at').on(t.at)],
);

export const flags = pgTable(
  'flags',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    roomId: integer('room_id')
      .notNull()
      .references(() => rooms.id),
    stationId: integer('station_id')
      .notNull()
      .references(() => stations.id),
    shiftId: integer('shift_id').references(() => shifts.id),
    contactId: integer('contact_id').references(() => contacts.id),
    message: text('message').notNull(),
    createdAt: createdAt(),
    handledAt: bigint('handled_at', { mode: 'number' }),
  },
  (t) => [index('flags_open').on(t.roomId).where(sql`handled_at IS NULL`), index('flags_contact').on(t.contactId)],
);

export const roomPausedLists = pgTable(
  'room_paused_lists',
  {
    roomId: integer('room_id')
      .notNull()
      .references(() => rooms.id),
    listId: integer('list_id')
      .notNull()
      .references(() => callLists.id),
    pausedAt: bigint('paused_at', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.roomId, t.listId] })],
);

export const listScripts = pgTable(
  'list_scripts',
  {
    listId: integer('list_id')
      .notNull()
      .references(() => callLists.id),
    language: text('language').notNull(),
    script: text('script'),
    instructions: text('instructions'),
  },
  (t) => [primaryKey({ columns: [t.listId, t.language] })],
);

export const phonePairings = pgTable(
  'phone_pairings',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    stationId: integer('station_id')
      .notNull()
      .references(() => stations.id),
    shiftId: integer('shift_id')
      .notNull()
      .references(() => shifts.id),
    tokenHash: text('token_hash').notNull(),
    device: text('device'),
    createdAt: createdAt(),
    expiresAt: bigint('expires_at', { mode: 'number' }).notNull(),
    endedAt: bigint('ended_at', { mode: 'number' }),
  },
  (t) => [uniqueIndex('phone_pairings_hash').on(t.tokenHash), index('phone_pairings_station').on(t.stationId).where(sql`ended_at IS NULL`)],
);

export const roomMessages = pgTable('room_messages', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  roomId: integer('room_id')
    .notNull()
    .references(() => rooms.id),
  text: text('text').notNull(),
  createdAt: createdAt(),
});

export const importProgress = pgTable('import_progress', {
  importId: text('import_id').primaryKey(),
  listId: integer('list_id').notNull(),
  phase: text('phase', { enum: ['parsing', 'matching', 'writing', 'done', 'failed'] }).notNull(),
  done: integer('done').notNull(),
  total: integer('total').notNull(),
  updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
});

export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});


export const callingSessions = pgTable(
  'calling_sessions',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    roomId: integer('room_id')
      .notNull()
      .references(() => rooms.id),
    startsAt: bigint('starts_at', { mode: 'number' }).notNull(),
    endsAt: bigint('ends_at', { mode: 'number' }).notNull(),
    capacity: integer('capacity').notNull(),
    revision: integer('revision').notNull().default(0),
    cancelledAt: bigint('cancelled_at', { mode: 'number' }),
    closedAt: bigint('closed_at', { mode: 'number' }),
    campaignId: campaignId(),
    createdAt: createdAt(),
  },
  (t) => [index('calling_sessions_campaign_start').on(t.campaignId, t.startsAt), index('calling_sessions_room_start').on(t.roomId, t.startsAt), index('calling_sessions_start').on(t.startsAt)],
);

export const signupLinks = pgTable(
  'signup_links',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    tokenHash: text('token_hash').notNull(),
    roomId: integer('room_id').references(() => rooms.id),
    createdBy: text('created_by').notNull(),
    label: text('label'),
    createdAt: createdAt(),
    revokedAt: bigint('revoked_at', { mode: 'number' }),
  },
  (t) => [uniqueIndex('signup_links_hash').on(t.tokenHash)],
);

export const volunteers = pgTable(
  'volunteers',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    name: text('name').notNull(),
    associationId: integer('association_id').references(() => associations.id),
    email: text('email'),
    phone: text('phone'),
    languages: text('languages').notNull().default('[]'),
    tokenHash: text('token_hash').notNull(),
    tokenGeneration: integer('token_generation').notNull().default(0),
    consentAt: bigint('consent_at', { mode: 'number' }),
    lastBookedAt: bigint('last_booked_at', { mode: 'number' }),
    signedUpVia: text('signed_up_via'),
    createdAt: createdAt(),
    erasedAt: bigint('erased_at', { mode: 'number' }),
  },
  (t) => [
    uniqueIndex('volunteers_token_hash').on(t.tokenHash),
    index('volunteers_association').on(t.associationId),
    index('volunteers_signed_up_via').on(t.signedUpVia),
  ],
);

export const teams = pgTable(
  'teams',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    sessionId: integer('session_id')
      .notNull()
      .references(() => callingSessions.id),
    associationId: integer('association_id')
      .notNull()
      .references(() => associations.id),
    places: integer('places').notNull(),
    captain: text('captain').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: createdAt(),
    revokedAt: bigint('revoked_at', { mode: 'number' }),
  },
  (t) => [uniqueIndex('teams_token_hash').on(t.tokenHash), index('teams_session').on(t.sessionId)],
);

export const bookings = pgTable(
  'bookings',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    sessionId: integer('session_id')
      .notNull()
      .references(() => callingSessions.id),
    volunteerId: integer('volunteer_id')
      .notNull()
      .references(() => volunteers.id),
    teamId: integer('team_id').references(() => teams.id),
    status: text('status', { enum: ['booked', 'waitlisted', 'cancelled', 'attended', 'no_show'] }).notNull(),
    shiftId: integer('shift_id').references(() => shifts.id),
    createdAt: createdAt(),
    updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
  },
  (t) => [
    uniqueIndex('bookings_one_per_session').on(t.sessionId, t.volunteerId).where(sql`status <> 'cancelled'`),
    index('bookings_session_status').on(t.sessionId, t.status),
    index('bookings_volunteer').on(t.volunteerId),
  ],
);

export const pledges = pgTable(
  'pledges',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    associationId: integer('association_id')
      .notNull()
      .references(() => associations.id),
    volunteerId: integer('volunteer_id').references(() => volunteers.id),
    name: text('name').notNull(),
    shifts: integer('shifts').notNull(),
    by: text('by').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('pledges_association').on(t.associationId)],
);

export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    key: text('key').notNull(),
    kind: text('kind', { enum: ['confirmation', 'reminder', 'changed', 'cancelled', 'promoted', 'personal_link'] }).notNull(),
    volunteerId: integer('volunteer_id')
      .notNull()
      .references(() => volunteers.id),
    bookingId: integer('booking_id').references(() => bookings.id),
    sessionId: integer('session_id').references(() => callingSessions.id),
    createdAt: createdAt(),
    nextTryAt: bigint('next_try_at', { mode: 'number' }).notNull(),
    tries: integer('tries').notNull().default(0),
    lastError: text('last_error'),
    sentAt: bigint('sent_at', { mode: 'number' }),
  },
  (t) => [uniqueIndex('mail_outbox_key').on(t.key), index('mail_outbox_due').on(t.nextTryAt).where(sql`sent_at IS NULL`)],
);


export const listQuestions = pgTable(
  'list_questions',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    listId: integer('list_id').references(() => callLists.id),
    campaignId: integer('campaign_id').references(() => campaigns.id),
    key: text('key').notNull(),
    kind: text('kind', { enum: ['yes_no', 'choice', 'scale', 'wants_to_help'] }).notNull(),
    text: text('text').notNull(),
    options: text('options'),
    position: integer('position').notNull(),
    retiredAt: bigint('retired_at', { mode: 'number' }),
  },
  (t) => [
    uniqueIndex('list_questions_list_key').on(t.listId, t.key).where(sql`list_id IS NOT NULL`),
    uniqueIndex('list_questions_campaign_key').on(t.campaignId, t.key).where(sql`campaign_id IS NOT NULL`),
  ],
);

export const callAnswers = pgTable(
  'call_answers',
  {
    callId: integer('call_id')
      .notNull()
      .references(() => calls.id),
    questionKey: text('question_key').notNull(),
    value: text('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.callId, t.questionKey] })],
);

export const answerArchive = pgTable(
  'answer_archive',
  {
    listId: integer('list_id')
      .notNull()
      .references(() => callLists.id),
    questionKey: text('question_key').notNull(),
    value: text('value').notNull(),
    district: text('district').notNull(),
    count: integer('count').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.listId, t.questionKey, t.value, t.district] })],
);

export const newHelpers = pgTable(
  'new_helpers',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    associationId: integer('association_id')
      .notNull()
      .references(() => associations.id),
    listId: integer('list_id')
      .notNull()
      .references(() => callLists.id),
    contactId: integer('contact_id').references(() => contacts.id),
    callId: integer('call_id').references(() => calls.id),
    name: text('name').notNull(),
    phone: text('phone').notNull(),
    createdAt: createdAt(),
    signUpSentAt: bigint('sign_up_sent_at', { mode: 'number' }),
  },
  (t) => [uniqueIndex('new_helpers_list_phone').on(t.listId, t.phone), index('new_helpers_association').on(t.associationId)],
);
