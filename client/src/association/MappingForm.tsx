import { IMPORT_FIELDS, type ImportField, type ImportMapping } from '@ringstuga/shared';
import { useTranslation } from 'react-i18next';

interface MappingFormProps {
  headers: readonly string[];
  mapping: ImportMapping;
  nameFromParts: boolean;
  /** The required field without a column, if any. */
  missing: 'name' | 'phone' | null;
  disabled: boolean;
  onChange: (field: ImportField, header: string) => void;
}

const REQUIRED: ReadonlySet<ImportField> = new Set(['name', 'phone']);

/** One select per field, each offering the file's headers; preselected with what the server recognised. */
export function MappingForm({ headers, mapping, nameFromParts, missing, disabled, onChange }: MappingFormProps) {
  const { t } = useTranslation();
  const emptyLabel = (field: ImportField) => {
    if (field === 'name' && nameFromParts) return t('listImport.nameFromParts');
    return REQUIRED.has(field) ? t('listImport.chooseColumn') : t('listImport.noColumn');
  };
  return (
    <fieldset className="field mapping" data-testid="import-mapping">
      <legend>{t('listImport.mappingHeading')}</legend>
      <p className="muted field-hint">{t('listImport.mappingHint')}</p>
      <div className="mapping-grid">
        {IMPORT_FIELDS.map((field) => {
          const problem = missing === field;
          return (
            <div key={field} className="mapping-field">
              <label htmlFor={`map-${field}`}>
                {t(`listImport.fields.${field}`)}
                {REQUIRED.has(field) && <span className="muted"> {t('listImport.required')}</span>}
              </label>
              <select
                id={`map-${field}`}
                value={mapping[field] ?? ''}
                disabled={disabled}
                aria-invalid={problem || undefined}
                aria-describedby={problem ? `map-${field}-problem` : undefined}
                onChange={(event) => onChange(field, event.target.value)}
              >
                <option value="">{emptyLabel(field)}</option>
                {headers.filter((header) => header !== '').map((header, index) => (
                  <option key={`${index}-${header}`} value={header}>
                    {header}
                  </option>
                ))}
              </select>
              {problem && (
                <p id={`map-${field}-problem`} className="field-problem">
                  {t('listImport.needColumn', { field: t(`listImport.fields.${field}`).toLowerCase() })}
                </p>
              )}
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
