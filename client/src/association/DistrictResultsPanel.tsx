import type { ListProgress } from '@ringstuga/shared';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ScatterPlot } from '../charts/ScatterPlot.tsx';
import { pearson } from '../lib/correlation.ts';
import { formatChange, formatCount, formatDecimal, formatFixed } from '../lib/format-number.ts';
import {
  pairDistricts,
  parseDistrictResults,
  unmatchedCounts,
  type ConversationMeasure,
  type DistrictResults,
} from './district-results.ts';

type Districts = ListProgress['districts'];

type FileState =
  | { kind: 'none' }
  | { kind: 'reading' }
  | { kind: 'failed'; message: string }
  | ({ kind: 'read'; name: string } & DistrictResults);

const ACCEPT = '.csv,.txt,text/csv,text/plain';
const MEASURES = ['absolute', 'per100'] as const satisfies readonly ConversationMeasure[];

/** The picture and its numbers for one file against the list's districts. */
function Comparison({ file, districts, measure }: { file: Extract<FileState, { kind: 'read' }>; districts: Districts; measure: ConversationMeasure }) {
  const { t } = useTranslation('translation', { keyPrefix: 'districtResults' });
  const points = pairDistricts(districts, file.results, measure);
  const r = pearson(points.map((p) => p.conversations), points.map((p) => p.change));
  const { notInList, withoutResult } = unmatchedCounts(districts, file.results);
  const n = points.length;
  const rText = r === null ? null : formatFixed(r, 2);
  const facts = [
    { key: 'read', label: t('read'), value: file.results.size },
    { key: 'skipped', label: t('skipped'), value: file.skipped },
    { key: 'not-in-list', label: t('notInList'), value: notInList },
    { key: 'without-result', label: t('withoutResult'), value: withoutResult },
    { key: 'plotted', label: t('plotted'), value: n },
  ];
  const plotPoints = points.map((point) => ({
    key: point.district,
    x: point.conversations,
    y: point.change,
    title: t(`pointTitles.${measure}`, {
      // Picks "1 conversation" or "2 conversations"; per 100 contacts has a single form.
      count: point.conversations,
      district: point.district,
      conversations: measure === 'absolute' ? formatCount(point.conversations) : formatDecimal(point.conversations),
      change: formatChange(point.change),
    }),
  }));
  const summary =
    rText === null
      ? t('summaryNoCorrelation', { count: n, title: t('chartTitle'), n })
      : t('summary', { title: t('chartTitle'), n, r: rText });

  return (
    <>
      <h4>{t('fileHeading', { name: file.name })}</h4>
      <dl className="facts" data-testid="district-results-facts">
        {facts.map((fact) => (
          <div key={fact.key}>
            <dt>{fact.label}</dt>
            <dd data-fact={fact.key}>{formatCount(fact.value)}</dd>
          </div>
        ))}
      </dl>
      <p className="district-correlation" aria-live="polite" data-testid="district-correlation">
        {rText === null ? t('noCorrelation', { count: n, n }) : t('correlation', { r: rText, n })}
      </p>
      <ScatterPlot
        title={t('chartTitle')}
        summary={summary}
        points={plotPoints}
        xLabel={t(`xLabels.${measure}`)}
        yLabel={t('yLabel')}
        emptyText={file.results.size === 0 ? t('noRows') : t('noMatch')}
        testId="district-scatter"
      />
    </>
  );
}

/**
 * Election results per voting district beside the list's conversations, as the 2018 analysis set
 * them: a file the association picks, read here and never sent, a scatter plot and Pearson's r.
 */
export function DistrictResultsPanel({ districts }: { districts: Districts | null }) {
  const { t } = useTranslation('translation', { keyPrefix: 'districtResults' });
  const [file, setFile] = useState<FileState>({ kind: 'none' });
  const [measure, setMeasure] = useState<ConversationMeasure>('absolute');
  // Only the file chosen last is shown, however the reads finish.
  const latest = useRef(0);

  const choose = async (chosen: File | null) => {
    const ticket = ++latest.current;
    if (!chosen) {
      setFile({ kind: 'none' });
      return;
    }
    setFile({ kind: 'reading' });
    try {
      const parsed = parseDistrictResults(await chosen.arrayBuffer());
      if (ticket === latest.current) setFile({ kind: 'read', name: chosen.name, ...parsed });
    } catch (error) {
      if (ticket === latest.current) setFile({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <section className="panel district-results" aria-labelledby="district-results-heading" data-testid="district-results">
      <h3 id="district-results-heading">{t('heading')}</h3>
      <p className="muted">{t('lead')}</p>
      <div className="field">
        <label htmlFor="district-results-file">{t('fileLabel')}</label>
        <input id="district-results-file" type="file" accept={ACCEPT} onChange={(event) => void choose(event.target.files?.[0] ?? null)} />
      </div>
      <fieldset className="field measure-choice">
        <legend>{t('measureLegend')}</legend>
        {MEASURES.map((value) => (
          <label key={value} className="check">
            <input type="radio" name="district-measure" value={value} checked={measure === value} onChange={() => setMeasure(value)} />
            {t(`measures.${value}`)}
          </label>
        ))}
      </fieldset>
      {file.kind === 'reading' && <p className="muted">{t('reading')}</p>}
      {file.kind === 'failed' && (
        <p className="command-error" role="alert">
          {t('failed')}
          <span className="alert-detail"> {file.message}</span>
        </p>
      )}
      {file.kind === 'read' &&
        (districts ? <Comparison file={file} districts={districts} measure={measure} /> : <p className="muted">{t('waiting')}</p>)}
      <p className="muted district-caveat">{t('caveat')}</p>
    </section>
  );
}
