import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { phoneNumber } from '../../factories/campaign.ts';
import { utf8File } from '../../factories/import-files.ts';
import { startCampaign, type CampaignServer } from '../../helpers/campaign-server.ts';
import { addressLike, personLike } from '../../helpers/hostile-payloads.ts';
import { ADMIN_TOKEN } from '../../helpers/server.ts';
import { tracesInStore } from '../../helpers/trace-scan.ts';

// Issue 12: an address typed as a voting district outlived its person in the district archive.
// Whatever address or person a district column holds, the import stores none of it.

let campaign: CampaignServer;
beforeAll(async () => {
  campaign = await startCampaign({ lists: [{ phones: [] }], stations: 0 });
});
afterAll(() => campaign.close());

/** A CSV cell: quoted, its quotes doubled. */
const cell = (text: string) => `"${text.replaceAll('"', '""')}"`;

describe('importing districts that are addresses or people', () => {
  it('keeps the contacts, stores none of the text, and lists each row as adjusted', async () => {
    const { listId } = campaign.lists[0]!;
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(addressLike, personLike), { minLength: 20, maxLength: 60 }), async (districts) => {
        run += 1;
        const lines = ['Namn;Mobil;Valdistrikt', ...districts.map((district, i) => `Kontakt ${i};${phoneNumber(1_000 * run + i)};${cell(district)}`)];
        const response = await fetch(`${campaign.url}/api/lists/${listId}/import`, {
          method: 'POST',
          headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'text/csv' },
          body: utf8File(lines),
        });
        expect(response.status).toBe(200);
        const body = (await response.json()) as { imported: number; rejected: unknown[]; adjusted: { row: number; reason: string }[] };
        expect(body.rejected).toEqual([]);
        expect(body.imported).toBe(districts.length);
        expect(body.adjusted.map((row) => row.row)).toEqual(districts.map((_, i) => i + 2));
        expect(body.adjusted.every((row) => row.reason === 'district_like_address' || row.reason === 'district_like_person')).toBe(true);
        expect(await tracesInStore(campaign.app.store, districts)).toEqual([]);
      }),
      // Each run is one import (a parser worker's start): few runs, many rows each.
      { numRuns: 3 },
    );
  }, 120_000);
});
