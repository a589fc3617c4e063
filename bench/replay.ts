// The 2018 campaign's attempts, made as fast as 20 stations can, with the 2018 outcome mix.
import { OUTCOME_RULES } from '@ringstuga/shared';
import { mulberry32 } from '../seeds/demo-data.ts';
import { drawOutcome } from '../tools/simulate/outcome-mix.ts';
import { closeAll, connectStations } from './load.ts';

export async function replayCampaign(url: string, tokens: string[], attempts: number) {
  const sockets = await connectStations(url, tokens);
  const random = mulberry32(2018);
  let started = 0;
  let answered = 0;
  let conversations = 0;
  const began = performance.now();
  await Promise.all(
    sockets.map(async (socket) => {
      while (started < attempts) {
        started += 1;
        const next = await socket.emitWithAck('contact:next');
        if (!next.ok || !next.assignment) throw new Error('the demo list ran out');
        const outcome = drawOutcome(random);
        const callbackAt = outcome === 'call_back' ? new Date(Date.now() + 3_600_000).toISOString() : undefined;
        const done = await socket.emitWithAck('call:outcome', { assignmentId: next.assignment.id, outcome, callbackAt });
        if (!done.ok) throw new Error(done.error.message);
        answered += OUTCOME_RULES[outcome].reached ? 1 : 0;
        conversations += OUTCOME_RULES[outcome].conversation ? 1 : 0;
      }
    }),
  );
  const seconds = (performance.now() - began) / 1000;
  closeAll(sockets);
  return { attempts: started, seconds, answeredShare: (answered / started) * 100, conversationShare: (conversations / started) * 100 };
}
