import { useEffect, useState } from 'react';

/** Which of `count` views is on: the next one every `intervalMs`, round and round. */
export function useRotation(count: number, intervalMs: number): number {
  const [index, setIndex] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setIndex((current) => (current + 1) % count), intervalMs);
    return () => clearInterval(timer);
  }, [count, intervalMs]);
  return index % count;
}
