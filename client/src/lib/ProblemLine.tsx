/** What went wrong, read out by screen readers as it appears; nothing when all is well. */
export function ProblemLine({ problem }: { problem: string | null | undefined }) {
  if (!problem) return null;
  return (
    <p className="command-error" role="alert">
      {problem}
    </p>
  );
}
