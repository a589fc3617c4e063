// A load-generator process holding a share of the stations. Real stations are separate devices:
// one process receiving every station's leaderboard pushes would queue its own acknowledgements
// behind them and measure itself, not the server. Driven over IPC by agents.ts.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { closeAll, connectStations, steadyPace, type BenchSocket } from './load.ts';

export type AgentCommand =
  | { kind: 'connect'; groups: { url: string; tokens: string[] }[] }
  | { kind: 'steady'; periodMs: number; measureMs: number; warmupMs: number }
  | { kind: 'arm' }
  | { kind: 'close' };

export type AgentReply =
  | { kind: 'connected' }
  | { kind: 'latencies'; values: number[]; warmup: number[]; ownDelayP99Ms: number }
  | { kind: 'armed' }
  | { kind: 'received'; lastAt: number }
  | { kind: 'closed' };

/** Wall-clock milliseconds with sub-millisecond precision, comparable across processes. */
export const preciseNow = () => performance.timeOrigin + performance.now();

const sockets: BenchSocket[] = [];
const reply = (message: AgentReply) => process.send!(message);

process.on('message', async (command: AgentCommand) => {
  switch (command.kind) {
    case 'connect': {
      // Interleaved, a node's stations after another's: the steady pace staggers the stations by
      // their place here, and in groups one node at a time would take every cycle of a third of the period.
      const groups: BenchSocket[][] = [];
      for (const group of command.groups) groups.push(await connectStations(group.url, group.tokens));
      const longest = Math.max(0, ...groups.map((group) => group.length));
      for (let place = 0; place < longest; place += 1) {
        for (const group of groups) {
          const socket = group[place];
          if (socket) sockets.push(socket);
        }
      }
      return reply({ kind: 'connected' });
    }
    case 'steady': {
      // This process's own lateness is part of what it measures; it is reported beside the acks.
      const delay = monitorEventLoopDelay({ resolution: 2 });
      delay.enable();
      const { measured, warmup } = await steadyPace(sockets, command.periodMs, command.measureMs, command.warmupMs);
      delay.disable();
      return reply({ kind: 'latencies', values: measured, warmup, ownDelayP99Ms: Math.max(0, delay.percentile(99) / 1e6 - 2) });
    }
    case 'arm': {
      // Reports when every station here has the next leaderboard push.
      let pending = sockets.length;
      for (const socket of sockets) {
        socket.once('leaderboard:update', () => {
          pending -= 1;
          if (pending === 0) reply({ kind: 'received', lastAt: preciseNow() });
        });
      }
      return reply({ kind: 'armed' });
    }
    case 'close':
      closeAll(sockets);
      reply({ kind: 'closed' });
      return process.disconnect();
  }
});
