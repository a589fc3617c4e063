import { archiveConfirmation, type Campaign, type CampaignArchived, type CreateCampaign, type UpdateCampaign, type Why } from '@ringstuga/shared';
import type { Store, Tx } from '../../db/store/store.ts';
import type { HttpErrorCode, ServiceResult } from '../../http-errors.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { Access } from '../auth/access.ts';
import { can } from '../auth/policy.ts';
import type { WithdrawnLease } from '../privacy/erasure.repo.ts';
import type { CampaignsRepo } from './campaigns.repo.ts';

const refused = (code: HttpErrorCode, message: string, why?: Why): { ok: false; code: HttpErrorCode; message: string; why?: Why } => ({ ok: false, code, message, why });

/** What archiving deleted (counts for the answer) and the leases it withdrew (told to their stations after the commit). */
type Purged = { counts: CampaignArchived; withdrawn: readonly WithdrawnLease[] };

export const NO_SUCH_CAMPAIGN = 'No such campaign';
const nameTaken = (name: string) => `A campaign named "${name}" already exists: choose another name`;


export interface CampaignsDeps {
  repo: CampaignsRepo;
  store: Store;
  auditLog: AuditLog;
  now: () => number;
  /** Copies a template's pattern into a new campaign; inside the creating write. */
  copyTemplate: (q: Tx, from: Campaign, to: Campaign) => Promise<Record<string, number>>;
  /** Deletes one campaign's personal data (the privacy purge, filtered): inside the archiving write. */
  purgeCampaign: (q: Tx, campaignId: number, now: number) => Purged | Promise<Purged>;
  /** After an archive has committed: stations drop the people they held, boards refresh, the WAL lets go of the rows. */
  afterArchive: (withdrawn: readonly WithdrawnLease[]) => Promise<void>;
}

/** Campaigns: made (optionally from a template), edited, archived; and which one a new list or session joins. */
export class CampaignsService {
  constructor(private readonly deps: CampaignsDeps) {}

  /** What `access` may see: every campaign for the admin, the active ones for the other roles. */
  async visible(q: Tx, access: Access): Promise<Campaign[]> {
    return (await this.deps.repo.all(q)).filter((campaign) => can(access, 'seeCampaign', campaign));
  }

  find(q: Tx, id: number): Promise<Campaign | undefined> {
    return this.deps.repo.find(q, id);
  }

  async exists(q: Tx, id: number): Promise<boolean> {
    return (await this.find(q, id)) !== undefined;
  }


  /** The campaign a new list or session joins: the one asked for if active, else the active one that started last. */
  async campaignForNew(q: Tx, asked: number | undefined): Promise<ServiceResult<number>> {
    if (asked === undefined) {
      const latest = await this.deps.repo.latestActiveId(q);
      return latest === undefined ? refused('invalid_request', 'There is no active campaign: make one first', { reason: 'no_active_campaign' }) : { ok: true, value: latest };
    }
    const campaign = await this.deps.repo.find(q, asked);
    if (!campaign) return refused('invalid_request', `campaignId ${asked}: no such campaign`);
    if (campaign.status !== 'active') return refused('invalid_request', `campaignId ${asked}: the campaign is archived`);
    return { ok: true, value: campaign.id };
  }

  async create(input: CreateCampaign, actor: string): Promise<ServiceResult<Campaign>> {
    const { copyFrom, ...fields } = input;
    return this.deps.store.write(async (q): Promise<ServiceResult<Campaign>> => {
      if (await this.deps.repo.nameTaken(q, fields.name)) return refused('conflict', nameTaken(fields.name), { reason: 'campaign_name_taken', params: { name: fields.name } });
      const template = copyFrom === undefined ? undefined : await this.deps.repo.find(q, copyFrom);
      if (copyFrom !== undefined && !template) return refused('invalid_request', `copyFrom ${copyFrom}: no such campaign`);
      const id = await this.deps.repo.create(q, fields, template?.id ?? null, this.deps.now());
      const made = (await this.deps.repo.find(q, id))!;
      const copied = template ? await this.deps.copyTemplate(q, template, made) : {};
      await this.deps.auditLog.add(q, { actor, action: 'update', target: `campaign:${id}`, detail: { made: true, ...(template && { copiedFrom: template.id }), ...copied } });
      return { ok: true, value: made };
    });
  }

  async update(id: number, change: UpdateCampaign, actor: string): Promise<ServiceResult<Campaign>> {
    return this.deps.store.write(async (q): Promise<ServiceResult<Campaign>> => {
      const campaign = await this.deps.repo.find(q, id);
      if (!campaign) return refused('not_found', NO_SUCH_CAMPAIGN);
      if (campaign.status === 'archived') return refused('conflict', 'The campaign is archived: an archived campaign cannot be changed');
      if (change.name !== undefined && (await this.deps.repo.nameTaken(q, change.name, id))) {
        return refused('conflict', nameTaken(change.name), { reason: 'campaign_name_taken', params: { name: change.name } });
      }
      // The body's own dates were checked against each other; here against the stored ones.
      const startsOn = change.startsOn ?? campaign.startsOn;
      const endsOn = change.endsOn === undefined ? campaign.endsOn : change.endsOn;
      if (endsOn !== null && endsOn < startsOn) return refused('invalid_request', 'endsOn must not be before startsOn', { reason: 'campaign_ends_before_start' });
      await this.deps.repo.update(q, id, change);
      await this.deps.auditLog.add(q, { actor, action: 'update', target: `campaign:${id}`, detail: { fields: Object.keys(change).sort().join(',') } });
      return { ok: true, value: (await this.deps.repo.find(q, id))! };
    });
  }

  /** Deletes the campaign's personal data and keeps its figures; the admin types "ARKIVERA <name>". */
  async archive(id: number, confirm: string, actor: string): Promise<ServiceResult<CampaignArchived>> {
    const outcome = await this.deps.store.write(async (q): Promise<ServiceResult<Purged>> => {
      const campaign = await this.deps.repo.find(q, id);
      if (!campaign) return refused('not_found', NO_SUCH_CAMPAIGN);
      if (campaign.status === 'archived') return refused('conflict', 'The campaign is already archived');
      const expected = archiveConfirmation(campaign.name);
      if (confirm !== expected) return refused('invalid_request', `To archive this campaign, send { "confirm": "${expected}" }`);
      const now = this.deps.now();
      const purged = await this.deps.purgeCampaign(q, id, now);
      await this.deps.repo.markArchived(q, id, now);
      await this.deps.auditLog.add(q, { actor, action: 'erase', target: `campaign:${id}`, detail: { archived: true, ...purged.counts } });
      return { ok: true, value: purged };
    });
    if (!outcome.ok) return outcome;
    await this.deps.afterArchive(outcome.value.withdrawn);
    return { ok: true, value: outcome.value.counts };
  }
}
