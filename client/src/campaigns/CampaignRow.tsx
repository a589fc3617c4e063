import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { archiveConfirmation } from '@ringstuga/shared';
import { useMakeForm } from '../lib/use-make-form.ts';
import { QuestionsEditor } from '../questions/QuestionsEditor.tsx';
import { archiveCampaign, updateCampaign, type Campaign, type CampaignArchived } from './campaigns-api.ts';
import { CampaignDates, type Dates } from './CampaignDates.tsx';
import { SubmitRow } from './SubmitRow.tsx';

interface RowProps {
  token: string;
  campaign: Campaign;
  editing: boolean;
  onEdit: (on: boolean) => void;
  onChanged: () => void;
}

/** One campaign: its dates and status, and for an active one editing and archiving. */
export function CampaignRow({ token, campaign, editing, onEdit, onChanged }: RowProps) {
  const { t } = useTranslation();
  const active = campaign.status === 'active';
  return (
    <>
      <tr data-testid={`campaign-${campaign.id}`}>
        <th scope="row">{campaign.name}</th>
        <td>{campaign.startsOn}</td>
        <td>{campaign.electionDay ?? '–'}</td>
        <td>{campaign.endsOn ?? t('campaigns.alwaysOpen')}</td>
        <td>{active ? t('campaigns.active') : t('campaigns.archived')}</td>
        <td>
          {active && (
            <button type="button" aria-expanded={editing} onClick={() => onEdit(!editing)}>
              {t('campaigns.editOf', { name: campaign.name })}
            </button>
          )}
        </td>
      </tr>
      {editing && (
        <tr>
          <td colSpan={6}>
            <EditCampaign token={token} campaign={campaign} onChanged={onChanged} />
            <QuestionsEditor token={token} scope={{ kind: 'campaigns', id: campaign.id }} onSaved={() => {}} />
            <ArchiveCampaign token={token} campaign={campaign} onChanged={onChanged} />
          </td>
        </tr>
      )}
    </>
  );
}

/** Name and dates; only what changed is sent. */
function EditCampaign({ token, campaign, onChanged }: { token: string; campaign: Campaign; onChanged: () => void }) {
  const { t } = useTranslation();
  const id = `campaign-edit-${campaign.id}`;
  const [name, setName] = useState(campaign.name);
  const [dates, setDates] = useState<Dates>({ startsOn: campaign.startsOn, electionDay: campaign.electionDay ?? '', endsOn: campaign.endsOn ?? '' });
  const form = useMakeForm<Campaign>();
  const invalid = !name.trim() || !dates.startsOn ? t('campaigns.needNameAndStart') : null;
  const send = () =>
    updateCampaign(token, campaign.id, {
      ...(name.trim() !== campaign.name ? { name: name.trim() } : {}),
      ...(dates.startsOn !== campaign.startsOn ? { startsOn: dates.startsOn } : {}),
      ...((dates.electionDay || null) !== campaign.electionDay ? { electionDay: dates.electionDay || null } : {}),
      ...((dates.endsOn || null) !== campaign.endsOn ? { endsOn: dates.endsOn || null } : {}),
    });
  return (
    <form className="campaign-form" noValidate onSubmit={(event) => void form.submit(event, invalid, send, onChanged)} aria-label={t('campaigns.editOf', { name: campaign.name })}>
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('campaigns.name')}</label>
        <input id={`${id}-name`} value={name} maxLength={120} onChange={(event) => setName(event.target.value)} />
      </div>
      <CampaignDates id={id} dates={dates} onChange={setDates} />
      <SubmitRow label={t('campaigns.save')} problem={form.problem} done={form.made && t('campaigns.saved')} />
    </form>
  );
}

/** Archiving deletes the campaign's personal data for good: the admin types what the server asks for. */
function ArchiveCampaign({ token, campaign, onChanged }: { token: string; campaign: Campaign; onChanged: () => void }) {
  const { t } = useTranslation();
  const id = `campaign-archive-${campaign.id}`;
  const expected = archiveConfirmation(campaign.name);
  const [typed, setTyped] = useState('');
  const form = useMakeForm<CampaignArchived>();
  const invalid = typed.trim() !== expected ? t('campaigns.typeToArchive', { expected }) : null;
  return (
    <form className="campaign-archive" noValidate onSubmit={(event) => void form.submit(event, invalid, () => archiveCampaign(token, campaign.id, typed.trim()), onChanged)}>
      <h3 id={`${id}-heading`}>{t('campaigns.archiveHeading')}</h3>
      <p className="muted">{t('campaigns.archiveHint')}</p>
      <div className="field">
        <label htmlFor={id}>{t('campaigns.typeToArchive', { expected })}</label>
        <input id={id} value={typed} autoComplete="off" spellCheck={false} onChange={(event) => setTyped(event.target.value)} />
      </div>
      <SubmitRow label={t('campaigns.archive')} problem={form.problem} done={form.made && t('campaigns.archivedCounts', form.made)} />
    </form>
  );
}
