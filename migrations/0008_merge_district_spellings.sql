-- Voting district codes written several ways ("0127 0014", "0127-0014", "01270014", and "1270014"
-- where a spreadsheet dropped the leading zero) were stored as written, so one district counted as
-- several. Each becomes its 8-digit code, and a municipality's own district number (1 to 4
-- digits) its 4-digit form, as server/src/features/import/district.ts writes new ones; names stay
-- as they are. The archive's counters of spellings that meet are added up.
CREATE TEMP TABLE `district_spellings` AS
  SELECT written, code FROM (
    SELECT written, CASE
        WHEN compact = '' OR compact GLOB '*[^0-9]*' THEN NULL
        WHEN length(compact) = 8 THEN compact
        WHEN length(compact) = 7 THEN '0' || compact
        WHEN length(compact) <= 4 THEN substr('0000' || compact, -4)
      END AS code
    FROM (
      SELECT written, replace(replace(replace(replace(replace(replace(written, ' ', ''), '-', ''), '–', ''), '.', ''), char(160), ''), char(9), '') AS compact
      FROM (SELECT voting_district AS written FROM contacts WHERE voting_district IS NOT NULL UNION SELECT district FROM district_archive)
    )
  )
  WHERE code <> written;
--> statement-breakpoint
UPDATE contacts SET voting_district = s.code FROM district_spellings s WHERE contacts.voting_district = s.written;
--> statement-breakpoint
CREATE TEMP TABLE `district_archive_merged` AS
  SELECT list_id, COALESCE(s.code, a.district) AS district, SUM(contacts) AS contacts, SUM(persons_called) AS persons_called,
    SUM(attempts) AS attempts, SUM(answered) AS answered, SUM(conversations) AS conversations
  FROM district_archive a LEFT JOIN district_spellings s ON s.written = a.district
  GROUP BY list_id, COALESCE(s.code, a.district);
--> statement-breakpoint
DELETE FROM district_archive;
--> statement-breakpoint
INSERT INTO district_archive (list_id, district, contacts, persons_called, attempts, answered, conversations)
  SELECT list_id, district, contacts, persons_called, attempts, answered, conversations FROM district_archive_merged;
--> statement-breakpoint
DROP TABLE district_spellings;
--> statement-breakpoint
DROP TABLE district_archive_merged;
