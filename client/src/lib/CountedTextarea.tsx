interface CountedTextareaProps {
  id: string;
  label: string;
  value: string;
  max: number;
  rows: number;
  /** "12 / 280 tecken": what the page says under the field. */
  count: string;
  onChange: (value: string) => void;
  className?: string;
}

/** A labelled text area with its character count under it, read out as its description. */
export function CountedTextarea({ id, label, value, max, rows, count, onChange, className = 'field' }: CountedTextareaProps) {
  return (
    <div className={className}>
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        rows={rows}
        maxLength={max}
        value={value}
        aria-describedby={`${id}-count`}
        onChange={(event) => onChange(event.target.value)}
      />
      <p id={`${id}-count`} className="muted note-count">
        {count}
      </p>
    </div>
  );
}
