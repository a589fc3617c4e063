import { useState, type FormEvent } from 'react';
import type { Answer } from './http.ts';

/**
 * A form that makes one thing on the server (a team, a pledge, a link): what is wrong with the
 * input or the answer (`problem`), and the last thing made (`made`, cleared at each try).
 */
export function useMakeForm<T>() {
  const [problem, setProblem] = useState<string | null>(null);
  const [made, setMade] = useState<T | null>(null);

  /** `invalid`: why the input cannot be sent (null: send it); `made` runs after a success, e.g. to clear fields and reload. */
  const submit = async (event: FormEvent, invalid: string | null, send: () => Promise<Answer<T>>, onMade?: (data: T) => void) => {
    event.preventDefault();
    setMade(null);
    if (invalid !== null) return setProblem(invalid);
    const result = await send();
    if (!result.ok) return setProblem(result.message);
    setProblem(null);
    setMade(result.data);
    onMade?.(result.data);
  };

  return { problem, made, submit };
}
