import { VOLUNTEER_NAME_MAX, zCheckinInput, type Shift, type StationHello } from '@ringstuga/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CommandError } from '../connection/CommandError.tsx';
import { useCommand } from '../connection/use-command.ts';
import { CALL_LANGUAGES, languageName } from '../lib/languages.ts';
import type { StationSocket } from './station-socket.ts';

const DISTRICT = 'district';

/** A field left empty, or what the contract's own words say is wrong. */
type Problem = { missing: 'needName' | 'needAssociation' } | { text: string };

interface CheckinFormProps {
  socket: StationSocket;
  associations: StationHello['associations'];
  onCheckedIn: (shift: Shift) => void;
}

/** Groups associations under their municipality, both in Swedish alphabetical order (the names are Swedish whatever the page's language). */
function byMunicipality(associations: StationHello['associations']): [string, StationHello['associations']][] {
  const groups = new Map<string, StationHello['associations']>();
  for (const association of associations.toSorted((a, b) => a.name.localeCompare(b.name, 'sv'))) {
    groups.set(association.municipality, [...(groups.get(association.municipality) ?? []), association]);
  }
  return [...groups].sort(([a], [b]) => a.localeCompare(b, 'sv'));
}

/** Who is calling and for whom: a shift starts here, and the station asks for contacts after. */
export function CheckinForm({ socket, associations, onCheckedIn }: CheckinFormProps) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  // With associations to pick from, the volunteer picks one; with none, the district is all there is.
  const [association, setAssociation] = useState(associations.length === 0 ? DISTRICT : '');
  const [languages, setLanguages] = useState<string[]>(['sv']);
  const [problem, setProblem] = useState<Problem | null>(null);
  const command = useCommand(socket);

  const toggle = (code: string, on: boolean) =>
    setLanguages((current) => (on ? [...current, code] : current.filter((known) => known !== code)));

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setProblem(null);
    if (name.trim() === '') {
      setProblem({ missing: 'needName' });
      document.getElementById('checkin-name')?.focus();
      return;
    }
    if (association === '') {
      setProblem({ missing: 'needAssociation' });
      document.getElementById('checkin-association')?.focus();
      return;
    }
    const parsed = zCheckinInput.safeParse({
      name,
      associationId: association === DISTRICT ? null : Number(association),
      languages,
    });
    if (!parsed.success) {
      // Only what the fields above cannot stop reaches here; the contract's own words say what.
      setProblem({ text: parsed.error.issues.map((issue) => issue.message).join(' ') });
      return;
    }
    const result = await command.run('station:checkin', parsed.data);
    if (result) onCheckedIn(result.shift);
  };

  return (
    <section className="panel checkin" aria-labelledby="checkin-heading">
      <h2 id="checkin-heading">{t('checkin.heading')}</h2>
      <p>{t('checkin.lead')}</p>
      <form onSubmit={(event) => void submit(event)} noValidate data-testid="checkin-form">
        <div className="field">
          <label htmlFor="checkin-name">{t('checkin.nameLabel')}</label>
          <input
            id="checkin-name"
            name="name"
            autoComplete="nickname"
            required
            maxLength={VOLUNTEER_NAME_MAX}
            value={name}
            aria-describedby="checkin-name-hint"
            onChange={(event) => setName(event.target.value)}
          />
          <p id="checkin-name-hint" className="muted field-hint">
            {t('checkin.nameHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor="checkin-association">{t('checkin.associationLabel')}</label>
          <select
            id="checkin-association"
            name="association"
            required
            value={association}
            onChange={(event) => setAssociation(event.target.value)}
          >
            {associations.length > 0 && (
              <option value="" disabled>
                {t('checkin.associationChoose')}
              </option>
            )}
            <option value={DISTRICT}>{t('checkin.wholeDistrict')}</option>
            {byMunicipality(associations).map(([municipality, members]) => (
              <optgroup key={municipality} label={municipality}>
                {members.map((member) => (
                  <option key={member.id} value={String(member.id)}>
                    {member.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <fieldset className="field languages">
          <legend>{t('checkin.languagesLegend')}</legend>
          {CALL_LANGUAGES.map((code) => (
            <label key={code} className="check">
              <input
                type="checkbox"
                name="languages"
                value={code}
                checked={languages.includes(code)}
                onChange={(event) => toggle(code, event.target.checked)}
              />
              {languageName(t, code)}
            </label>
          ))}
        </fieldset>
        {problem && (
          <p className="field-problem" role="alert">
            {'missing' in problem ? t(`checkin.${problem.missing}`) : problem.text}
          </p>
        )}
        <CommandError error={command.error} />
        <button type="submit" className="primary" aria-disabled={command.pending}>
          {command.pending ? t('checkin.submitting') : t('checkin.submit')}
        </button>
      </form>
    </section>
  );
}
