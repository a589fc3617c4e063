import { ProblemLine } from '../lib/ProblemLine.tsx';

/** A campaign form's end: its button, what went wrong, and what was done (null: nothing yet). */
export function SubmitRow({ label, problem, done }: { label: string; problem: string | null; done: string | null }) {
  return (
    <>
      <button type="submit" className="primary">
        {label}
      </button>
      <ProblemLine problem={problem} />
      {done && (
        <p role="status" className="notice">
          {done}
        </p>
      )}
    </>
  );
}
