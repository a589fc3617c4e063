// All tables in one module. Times are epoch milliseconds; phones are E.164.
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

const createdAt = () => integer('created_at').notNull();
// Counters kept in the same transaction as each outcome, so leaderboards never scan contacts.
const counters = () => ({
  contactsCount: integer('contacts_count').notNull().default(0),
  personsCalled: integer('persons_called').notNull().default(0),
  attempts: integer('attempts').notNull().default(0),
  answered: integer('answered').notNull().default(0),
  conversations: integer('conversations').notNull().default(0),
});

/**
 * A campaign (issue 15): an election, 1 May, or an always-open "Medlemssamtal". Lists, calling
 * sessions and shifts belong to one (calls through their list). Archiving deletes its personal data
 * and keeps its anonymous figures. Dates are local (YYYY-MM-DD, the campaign time zone).
 * Migration 0012 makes campaign 1, which holds everything that came before.
 */
export const campaigns = sqliteTable(
  'campaigns',
  {
    id: integer('id').primaryKey(),
    name: text('name').notNull(),
    startsOn: text('starts_on').notNull(),
    electionDay: text('election_day'),
    // null: always open.
    endsOn: text('ends_on'),
    status: text('status', { enum: ['active', 'archived'] })
      .notNull()
      .default('active'),
    // The campaign this one was copied from as a template.
    copiedFrom: integer('copied_from'),
    createdAt: createdAt(),
    archivedAt: integer('archived_at'),
  },
  (t) => [uniqueIndex('campaigns_name_unique').on(t.name)],
);

// A campaign column added to tables that have rows: no foreign key, since SQLite cannot add a
// referencing column with a default to them. Campaigns are never deleted; routes accept only ones that exist.
const campaignId = () => integer('campaign_id').notNull().default(1);

/** A room (site) where stations stand; every station belongs to one. Migration 0001 makes room 1. */
export const rooms = sqliteTable(
  'rooms',
  {
    id: integer('id').primaryKey(),
    name: text('name').notNull(),
    // Where volunteers go: named in every confirmation and reminder.
    address: text('address'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('rooms_name_unique').on(t.name)],
);

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
    // false: paused by a leader or the admin; no station is offered its contacts.
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    // What the caller says and should know; edited by leaders, pushed to stations at once.
    script: text('script'),
    instructions: text('instructions'),
    // Off: callers may not leave notes (opinions or health must not be collected about people).
    notesEnabled: integer('notes_enabled', { mode: 'boolean' }).notNull().default(true),
    // True while a first import writes the list in chunks: no station sees it half-written.
    importing: integer('importing', { mode: 'boolean' }).notNull().default(false),
    // Set when the list is deleted: its people are gone, the row stays for the anonymous counters.
    deletedAt: integer('deleted_at'),
    campaignId: campaignId(),
    createdAt: createdAt(),
    ...counters(),
  },
  (t) => [index('call_lists_association').on(t.associationId), index('call_lists_campaign').on(t.campaignId)],
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
    altPhone: text('alt_phone'),
    // The association's own id for the person: a re-import matches on it before the number.
    externalId: text('external_id'),
    preferredLanguage: text('preferred_language'),
    votingDistrict: text('voting_district'),
    priority: integer('priority').notNull().default(2),
    // 1 after a language barrier: offered only to a volunteer who speaks preferred_language.
    needsSpeaker: integer('needs_speaker').notNull().default(0),
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
    // The claim probe: one LIMIT 1 seek per list over ready contacts any volunteer may call.
    index('contacts_claim_any')
      .on(t.listId, t.priority, t.nextCallAt, t.id)
      .where(sql`status = 'ready' AND needs_speaker = 0`),
    // The probe for a volunteer who speaks other languages: contacts who prefer one of them first.
    index('contacts_claim_language')
      .on(t.listId, t.preferredLanguage, t.priority, t.nextCallAt, t.id)
      .where(sql`status = 'ready' AND preferred_language IS NOT NULL`),
    index('contacts_phone').on(t.phone),
    uniqueIndex('contacts_list_phone').on(t.listId, t.phone),
    uniqueIndex('contacts_list_external').on(t.listId, t.externalId).where(sql`external_id IS NOT NULL`),
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
    // Part of what the token is derived from: raising it rotates the token (a leaked join link).
    tokenGeneration: integer('token_generation').notNull().default(0),
    // Made by a call leader for a volunteer calling from home or another site, on their own phone.
    remote: integer('remote', { mode: 'boolean' }).notNull().default(false),
    // The leader link that made a remote station (and so holds its join link): revoking that link renews it.
    createdByLink: integer('created_by_link'),
    // The leader link that last renewed a remote station's join link (and so holds it): revoking it renews it again.
    renewedByLink: integer('renewed_by_link'),
    // No foreign key: SQLite cannot add a referencing column with a default to a table that has
    // rows. Rooms are never deleted, and the routes only accept rooms that exist.
    roomId: integer('room_id').notNull().default(1),
    // null: the checked-in volunteer's association's lists (or every active list); otherwise the one list
    // a leader fixed this station to.
    listId: integer('list_id').references(() => callLists.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('stations_number_unique').on(t.number), uniqueIndex('stations_token_hash').on(t.tokenHash)],
);

/**
 * A volunteer's time at a station, from check-in to check-out (or to their last activity, when
 * closed for idling). The counters are kept in the same transaction as each outcome.
 */
export const shifts = sqliteTable(
  'shifts',
  {
    id: integer('id').primaryKey(),
    stationId: integer('station_id')
      .notNull()
      .references(() => stations.id),
    roomId: integer('room_id')
      .notNull()
      .references(() => rooms.id),
    name: text('name').notNull(),
    // null: a volunteer calling for the whole district rather than one association.
    associationId: integer('association_id').references(() => associations.id),
    languages: text('languages', { mode: 'json' }).$type<string[]>().notNull().default([]),
    startedAt: integer('started_at').notNull(),
    endedAt: integer('ended_at'),
    endReason: text('end_reason', { enum: ['checkout', 'idle', 'replaced'] }),
    // The volunteer's last act: check-in, outcome, skip or flag (what "idle" on the board measures).
    lastActivityAt: integer('last_activity_at').notNull(),
    // The last time the station asked and nothing could be offered: waiting, not gone.
    lastSeenAt: integer('last_seen_at'),
    attempts: integer('attempts').notNull().default(0),
    answered: integer('answered').notNull().default(0),
    conversations: integer('conversations').notNull().default(0),
    // The campaign the volunteer called for: the station's list's, else the room's current one.
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
    shiftId: integer('shift_id').references(() => shifts.id),
    status: text('status', { enum: ['active', 'completed', 'skipped', 'expired'] }).notNull(),
    createdAt: createdAt(),
    expiresAt: integer('expires_at').notNull(),
    endedAt: integer('ended_at'),
  },
  (t) => [
    // The database itself refuses a second active lease per station or per number.
    uniqueIndex('assignments_one_per_station').on(t.stationId).where(sql`status = 'active'`),
    uniqueIndex('assignments_one_per_phone').on(t.phone).where(sql`status = 'active'`),
    // Erasure and list deletion remove contacts: each delete checks this foreign key.
    index('assignments_contact').on(t.contactId),
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
    shiftId: integer('shift_id').references(() => shifts.id),
    outcome: text('outcome').notNull(),
    startedAt: integer('started_at').notNull(),
    endedAt: integer('ended_at').notNull(),
    note: text('note'),
    callbackAt: integer('callback_at'),
  },
  (t) => [
    uniqueIndex('calls_assignment').on(t.assignmentId),
    index('calls_contact').on(t.contactId, t.endedAt),
    index('calls_ended').on(t.endedAt),
  ],
);

/**
 * Attempts per clock hour, room and list, counted with each outcome. Today's figures, the pace
 * charts and per-room leaderboards read these, never the calls, so they stay cheap as calls grow
 * and stay true after personal data is erased.
 */
export const activityHours = sqliteTable(
  'activity_hours',
  {
    hourStart: integer('hour_start').notNull(), // epoch ms of the UTC hour
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

/**
 * Per-district figures of people who are no longer in the database (erased, or purged at the end
 * of the campaign): anonymous counts, added to the live ones so the district figures stay.
 */
export const districtArchive = sqliteTable(
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

/** Access links below admin: a leader steers one room, a screen shows one room's figures read-only. */
export const accessTokens = sqliteTable(
  'access_tokens',
  {
    id: integer('id').primaryKey(),
    role: text('role', { enum: ['leader', 'screen'] }).notNull(),
    tokenHash: text('token_hash').notNull(),
    roomId: integer('room_id')
      .notNull()
      .references(() => rooms.id),
    label: text('label'),
    createdAt: createdAt(),
    revokedAt: integer('revoked_at'),
  },
  (t) => [uniqueIndex('access_tokens_hash').on(t.tokenHash)],
);

/** An association's access link: its own lists, their progress, imports and exports, nothing else. */
export const associationTokens = sqliteTable(
  'association_tokens',
  {
    id: integer('id').primaryKey(),
    associationId: integer('association_id')
      .notNull()
      .references(() => associations.id),
    tokenHash: text('token_hash').notNull(),
    label: text('label'),
    createdAt: createdAt(),
    revokedAt: integer('revoked_at'),
  },
  (t) => [uniqueIndex('association_tokens_hash').on(t.tokenHash)],
);

/**
 * One import of a file into a list, with what came of it (no personal data). The file's name is
 * not kept: lists are often named after a person ("Annas ringlista.csv"); its size is.
 */
export const imports = sqliteTable(
  'imports',
  {
    id: integer('id').primaryKey(),
    listId: integer('list_id')
      .notNull()
      .references(() => callLists.id),
    actor: text('actor').notNull(),
    // 0 for imports made before sizes were kept.
    bytes: integer('bytes').notNull().default(0),
    rows: integer('rows').notNull(),
    imported: integer('imported').notNull(),
    updated: integer('updated').notNull(),
    rejected: integer('rejected').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('imports_list').on(t.listId)],
);

/**
 * How far a running or lately finished import has come, keyed by the id its upload carried, so the
 * page's polls can reach any node. No personal data. list_id is no foreign key: the list may be
 * deleted while its import runs, and the import's last word ('failed') must still be written.
 * Rows not updated for a while are swept (features/import/import-progress.ts).
 */
export const importProgress = sqliteTable('import_progress', {
  importId: text('import_id').primaryKey(),
  listId: integer('list_id').notNull(),
  phase: text('phase', { enum: ['parsing', 'matching', 'writing', 'done', 'failed'] }).notNull(),
  done: integer('done').notNull(),
  total: integer('total').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/** Who viewed, imported, exported or erased what: kept when personal data is purged, and holds none. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey(),
    at: integer('at').notNull(),
    // 'admin', 'association:<id>', 'leader:<link id>'
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    // e.g. 'list:7', 'person' (never the number itself), 'campaign'
    target: text('target').notNull(),
    detail: text('detail'),
  },
  (t) => [index('audit_log_at').on(t.at)],
);

/** A volunteer's "the leader should look at this call". */
export const flags = sqliteTable(
  'flags',
  {
    id: integer('id').primaryKey(),
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
    handledAt: integer('handled_at'),
  },
  (t) => [index('flags_open').on(t.roomId).where(sql`handled_at IS NULL`), index('flags_contact').on(t.contactId)],
);

/** A list a leader paused for their room's stations only (other rooms go on calling it). */
export const roomPausedLists = sqliteTable(
  'room_paused_lists',
  {
    roomId: integer('room_id')
      .notNull()
      .references(() => rooms.id),
    listId: integer('list_id')
      .notNull()
      .references(() => callLists.id),
    pausedAt: integer('paused_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.roomId, t.listId] })],
);

/** A list's script in another language than the default (call_lists.script); chosen by the contact's preferred language. */
export const listScripts = sqliteTable(
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

/**
 * A phone paired with a station for one shift: the phone page shows the station's contact and can
 * record its outcome. Only the token's hash is kept; check-out, revocation or expiry ends it.
 */
export const phonePairings = sqliteTable(
  'phone_pairings',
  {
    id: integer('id').primaryKey(),
    stationId: integer('station_id')
      .notNull()
      .references(() => stations.id),
    shiftId: integer('shift_id')
      .notNull()
      .references(() => shifts.id),
    tokenHash: text('token_hash').notNull(),
    // The device that connected first with this pairing: no other device may use it (a QR code seen by someone else).
    device: text('device'),
    createdAt: createdAt(),
    expiresAt: integer('expires_at').notNull(),
    endedAt: integer('ended_at'),
  },
  (t) => [uniqueIndex('phone_pairings_hash').on(t.tokenHash), index('phone_pairings_station').on(t.stationId).where(sql`ended_at IS NULL`)],
);

/** A leader's message to every station in the room. */
export const roomMessages = sqliteTable('room_messages', {
  id: integer('id').primaryKey(),
  roomId: integer('room_id')
    .notNull()
    .references(() => rooms.id),
  text: text('text').notNull(),
  createdAt: createdAt(),
});

export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

// ---- Filling the room (issue 14): sessions, sign-up, bookings, teams, pledges, mail ----

/** A room's time slot that volunteers book. Cancelled sessions stay, so their bookings can be told. */
export const callingSessions = sqliteTable(
  'calling_sessions',
  {
    id: integer('id').primaryKey(),
    roomId: integer('room_id')
      .notNull()
      .references(() => rooms.id),
    startsAt: integer('starts_at').notNull(),
    endsAt: integer('ends_at').notNull(),
    capacity: integer('capacity').notNull(),
    // Raised by every edit of time or place: a change note is sent once per revision.
    revision: integer('revision').notNull().default(0),
    cancelledAt: integer('cancelled_at'),
    // Set once the end-of-session sweep has marked its unattended bookings `no_show`.
    closedAt: integer('closed_at'),
    campaignId: campaignId(),
    createdAt: createdAt(),
  },
  (t) => [index('calling_sessions_campaign_start').on(t.campaignId, t.startsAt), index('calling_sessions_room_start').on(t.roomId, t.startsAt), index('calling_sessions_start').on(t.startsAt)],
);

/** A sign-up link: opens `/signup` for every room's sessions, or one room's. Stored hashed, revocable. */
export const signupLinks = sqliteTable(
  'signup_links',
  {
    id: integer('id').primaryKey(),
    tokenHash: text('token_hash').notNull(),
    // null: every room's sessions.
    roomId: integer('room_id').references(() => rooms.id),
    // 'admin' or 'leader:<link id>': revoking that leader link revokes the sign-up links it made.
    createdBy: text('created_by').notNull(),
    label: text('label'),
    createdAt: createdAt(),
    revokedAt: integer('revoked_at'),
  },
  (t) => [uniqueIndex('signup_links_hash').on(t.tokenHash)],
);

/**
 * Someone who signed up (or was pledged). The personal token is derived from the token key, the
 * id and token_generation (like a station's), so reminders can carry the personal link while
 * only its hash is stored. Contact details are blanked on erasure, purge and after
 * VOLUNTEER_RETENTION_DAYS without a booking; the row stays for the anonymous attendance counts.
 */
export const volunteers = sqliteTable(
  'volunteers',
  {
    id: integer('id').primaryKey(),
    name: text('name').notNull(),
    associationId: integer('association_id').references(() => associations.id),
    email: text('email'),
    phone: text('phone'),
    languages: text('languages', { mode: 'json' }).$type<string[]>().notNull().default([]),
    tokenHash: text('token_hash').notNull(),
    tokenGeneration: integer('token_generation').notNull().default(0),
    consentAt: integer('consent_at'),
    // The last sign-up or booking: the retention clock and "called last time, not booked this time".
    lastBookedAt: integer('last_booked_at'),
    // The link they signed up through ('signup:<id>', 'team:<id>'; null for a pledge): the same
    // person signing up again through it (same name and email or phone) is the same volunteer.
    signedUpVia: text('signed_up_via'),
    createdAt: createdAt(),
    erasedAt: integer('erased_at'),
  },
  (t) => [
    uniqueIndex('volunteers_token_hash').on(t.tokenHash),
    index('volunteers_association').on(t.associationId),
    index('volunteers_signed_up_via').on(t.signedUpVia),
  ],
);

/** An association's places in one session, taken only through the team link. */
export const teams = sqliteTable(
  'teams',
  {
    id: integer('id').primaryKey(),
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
    revokedAt: integer('revoked_at'),
  },
  (t) => [uniqueIndex('teams_token_hash').on(t.tokenHash), index('teams_session').on(t.sessionId)],
);

/**
 * A volunteer's place in a session. booked → attended (checked in at the room during the session)
 * or no_show (the session ended without one); waitlisted moves up to booked in order of id.
 */
export const bookings = sqliteTable(
  'bookings',
  {
    id: integer('id').primaryKey(),
    sessionId: integer('session_id')
      .notNull()
      .references(() => callingSessions.id),
    volunteerId: integer('volunteer_id')
      .notNull()
      .references(() => volunteers.id),
    // Set when the place is one of a team's.
    teamId: integer('team_id').references(() => teams.id),
    status: text('status', { enum: ['booked', 'waitlisted', 'cancelled', 'attended', 'no_show'] }).notNull(),
    // The shift that made it `attended`.
    shiftId: integer('shift_id').references(() => shifts.id),
    createdAt: createdAt(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    // One live booking per person and session; a cancelled one may be booked again.
    uniqueIndex('bookings_one_per_session').on(t.sessionId, t.volunteerId).where(sql`status <> 'cancelled'`),
    index('bookings_session_status').on(t.sessionId, t.status),
    index('bookings_volunteer').on(t.volunteerId),
  ],
);

/** "X shifts before election day", for a named person (a candidate) or the association itself. */
export const pledges = sqliteTable(
  'pledges',
  {
    id: integer('id').primaryKey(),
    associationId: integer('association_id')
      .notNull()
      .references(() => associations.id),
    // The person's volunteer row (their personal link shows progress); null for the association itself.
    volunteerId: integer('volunteer_id').references(() => volunteers.id),
    name: text('name').notNull(),
    shifts: integer('shifts').notNull(),
    // The local date (YYYY-MM-DD, campaign time zone) the shifts are pledged by.
    by: text('by').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('pledges_association').on(t.associationId)],
);

/**
 * Every email Ringstuga means to send, one row per message. The key ('reminder:24:booking:17',
 * 'changed:3:booking:17', …) is unique, so a message is never queued twice, across restarts too;
 * a failed send is retried at next_try_at.
 */
export const mailOutbox = sqliteTable(
  'mail_outbox',
  {
    id: integer('id').primaryKey(),
    key: text('key').notNull(),
    kind: text('kind', { enum: ['confirmation', 'reminder', 'changed', 'cancelled', 'promoted', 'personal_link'] }).notNull(),
    volunteerId: integer('volunteer_id')
      .notNull()
      .references(() => volunteers.id),
    bookingId: integer('booking_id').references(() => bookings.id),
    sessionId: integer('session_id').references(() => callingSessions.id),
    createdAt: createdAt(),
    nextTryAt: integer('next_try_at').notNull(),
    tries: integer('tries').notNull().default(0),
    lastError: text('last_error'),
    sentAt: integer('sent_at'),
  },
  (t) => [uniqueIndex('mail_outbox_key').on(t.key), index('mail_outbox_due').on(t.nextTryAt).where(sql`sent_at IS NULL`)],
);

// ---- Questions asked in the call (issue 15) ----

/**
 * A question for one list (list_id) or for every list of a campaign (campaign_id); exactly one is
 * set. The key is stable: answers, totals and export columns use it. A question removed after it
 * was answered is retired, not deleted, so its answers keep their meaning.
 */
export const listQuestions = sqliteTable(
  'list_questions',
  {
    id: integer('id').primaryKey(),
    listId: integer('list_id').references(() => callLists.id),
    campaignId: integer('campaign_id').references(() => campaigns.id),
    key: text('key').notNull(),
    kind: text('kind', { enum: ['yes_no', 'choice', 'scale', 'wants_to_help'] }).notNull(),
    text: text('text', { mode: 'json' }).$type<{ sv: string; en?: string }>().notNull(),
    options: text('options', { mode: 'json' }).$type<{ key: string; text: { sv: string; en?: string } }[]>(),
    position: integer('position').notNull(),
    retiredAt: integer('retired_at'),
  },
  (t) => [
    uniqueIndex('list_questions_list_key').on(t.listId, t.key).where(sql`list_id IS NOT NULL`),
    uniqueIndex('list_questions_campaign_key').on(t.campaignId, t.key).where(sql`campaign_id IS NOT NULL`),
  ],
);

/** One answer given in a call, written in the outcome's transaction. Erased with the call. */
export const callAnswers = sqliteTable(
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

/**
 * Answers of people no longer in the database (erased, or their campaign archived or purged) as
 * anonymous counts per list, question, value and voting district ('' for none), which the answer
 * totals add to the live ones, as district_archive does for calls.
 */
export const answerArchive = sqliteTable(
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

/**
 * A person who said yes to "Vill du hjälpa till?": on their list's association's own list of new
 * helpers, to be sent a sign-up link. Personal data: erased with the person, deleted when the
 * campaign is archived; sign_up_sent_at marks that the association sent the link.
 */
export const newHelpers = sqliteTable(
  'new_helpers',
  {
    id: integer('id').primaryKey(),
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
    signUpSentAt: integer('sign_up_sent_at'),
  },
  (t) => [uniqueIndex('new_helpers_list_phone').on(t.listId, t.phone), index('new_helpers_association').on(t.associationId)],
);
