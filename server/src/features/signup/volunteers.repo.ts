import type { Database } from 'better-sqlite3';
import type { Db } from '../../db/open.ts';
import { tokenKey } from '../auth/token-key.ts';
import { hashToken, newSecret, personalToken } from '../auth/tokens.ts';

export interface NewVolunteer {
  name: string;
  associationId: number | null;
  email: string | null;
  phone: string | null;
  languages: string[];
  consentAt: number | null;
  signedUpVia: string | null;
}

export interface VolunteerRef {
  id: number;
  name: string;
  associationId: number | null;
}

/** Volunteers and their personal links (`/me#token=…`), derived from the token key so only the hash is stored. */
export function createVolunteersRepo(db: Db) {
  const sqlite: Database = db.$client;
  const insert = sqlite.prepare(
    `INSERT INTO volunteers (name, association_id, email, phone, languages, token_hash, consent_at, signed_up_via, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const setHash = sqlite.prepare('UPDATE volunteers SET token_hash = ? WHERE id = ?');
  const byHash = sqlite.prepare(
    'SELECT id, name, association_id AS associationId FROM volunteers WHERE token_hash = ? AND erased_at IS NULL',
  );
  const generation = sqlite.prepare('SELECT token_generation AS generation FROM volunteers WHERE id = ?');
  // The same details as given: the name case aside, the email (stored lower-case) and the phone
  // (stored E.164) each the same or both missing. Whoever repeats all of them through the link is
  // answered that person's link, so nothing less than the whole sign-up matches.
  const retry = sqlite.prepare(
    `SELECT id FROM volunteers WHERE signed_up_via = ? AND erased_at IS NULL AND lower(name) = lower(?) AND email IS ? AND phone IS ?
     ORDER BY id LIMIT 1`,
  );
  const tokenOf = (id: number) => personalToken(tokenKey(db), id, (generation.get(id) as { generation: number }).generation);

  return {
    /** The new volunteer's id and personal token. */
    create(volunteer: NewVolunteer, now: number): { id: number; token: string } {
      // The token needs the id: a placeholder hash (never a real token's) holds the unique slot meanwhile.
      const id = Number(
        insert.run(
          volunteer.name,
          volunteer.associationId,
          volunteer.email,
          volunteer.phone,
          JSON.stringify(volunteer.languages),
          `pending:${newSecret()}`,
          volunteer.consentAt,
          volunteer.signedUpVia,
          now,
        ).lastInsertRowid,
      );
      const token = personalToken(tokenKey(db), id, 0);
      setHash.run(hashToken(token), id);
      return { id, token };
    },
    /** The volunteer a personal token belongs to; none once they erased themselves. */
    findByToken: (token: string) => byHash.get(hashToken(token)) as VolunteerRef | undefined,
    tokenOf,
    /**
     * The volunteer an earlier identical sign-up through the same link made, so a retried request
     * books into the same person instead of making a second one.
     */
    findRetry(via: string, name: string, email: string | null, phone: string | null): number | undefined {
      // The email comes lower-cased (zSignupInput), as stored.
      return (retry.get(via, name, email, phone) as { id: number } | undefined)?.id;
    },
  };
}

export type VolunteersRepo = ReturnType<typeof createVolunteersRepo>;
