import type { CommandError as Problem } from './command.ts';

/** A command's failure beside its control; `id` lets the control point at it (aria-describedby). */
export function CommandError({ id, error }: { id?: string; error: Problem | null }) {
  if (!error) return null;
  return (
    <p id={id} className="command-error" role="alert">
      {error.message}
      {error.detail && <span className="alert-detail"> {error.detail}</span>}
    </p>
  );
}
