// Runs stations in several load-generator processes (load-agent.ts) and collects their figures.
import { fork, type ChildProcess } from 'node:child_process';
import type { AgentCommand, AgentReply } from './load-agent.ts';
import { preciseNow } from './load-agent.ts';
import type { BenchSocket } from './load.ts';
import { sleep } from './stats.ts';
import { LEADERBOARD_PUSH_MS } from '../server/src/app.ts';

export const AGENTS = 4;

export class AgentPool {
  private constructor(private readonly agents: ChildProcess[]) {}

  /**
   * Forks the agents and connects `tokens` spread evenly over them; with several server URLs (the
   * nodes of one PostgreSQL), station t connects to `urls[t % urls.length]`, round-robin.
   */
  static async connect(url: string | readonly string[], tokens: string[], count = AGENTS): Promise<AgentPool> {
    const urls = typeof url === 'string' ? [url] : url;
    const agents = Array.from({ length: count }, () =>
      fork(new URL('load-agent.ts', import.meta.url).pathname, { execArgv: ['--import', 'tsx'], stdio: 'inherit' }),
    );
    const pool = new AgentPool(agents);
    const groups = (agent: number) =>
      urls.map((server, u) => ({ url: server, tokens: tokens.filter((_, t) => t % count === agent && t % urls.length === u) }));
    await pool.all((i) => ({ kind: 'connect', groups: groups(i) }), 'connected');
    return pool;
  }

  /**
   * Every station makes one cycle per `periodMs`: the acknowledgement times after `warmupMs` and
   * those before it, and the worst agent's own delay p99.
   */
  async steady(periodMs: number, measureMs: number, warmupMs = 0): Promise<{ latencies: number[]; warmupLatencies: number[]; agentDelayP99Ms: number }> {
    const replies = await this.all(() => ({ kind: 'steady', periodMs, measureMs, warmupMs }), 'latencies');
    return {
      latencies: replies.flatMap((r) => (r.kind === 'latencies' ? r.values : [])),
      warmupLatencies: replies.flatMap((r) => (r.kind === 'latencies' ? r.warmup : [])),
      agentDelayP99Ms: Math.max(...replies.map((r) => (r.kind === 'latencies' ? r.ownDelayP99Ms : 0))),
    };
  }

  /** Time from `reporter` sending an outcome until every agent's stations have the next push. */
  async fanOut(reporter: BenchSocket, rounds: number): Promise<number[]> {
    const times: number[] = [];
    for (let round = 0; round < rounds; round += 1) {
      await sleep(LEADERBOARD_PUSH_MS + 100); // past the push throttle, so the push goes out at once
      const next = await reporter.emitWithAck('contact:next');
      if (!next.ok || !next.assignment) throw new Error('reporter got no contact');
      await this.all(() => ({ kind: 'arm' }), 'armed');
      const received = this.collect('received');
      const sent = preciseNow();
      await reporter.emitWithAck('call:outcome', { assignmentId: next.assignment.id, outcome: 'conversation' });
      const lastAt = Math.max(...(await received).map((r) => (r.kind === 'received' ? r.lastAt : 0)));
      times.push(lastAt - sent);
    }
    return times;
  }

  async close(): Promise<void> {
    await this.all(() => ({ kind: 'close' }), 'closed');
  }

  private all(command: (index: number) => AgentCommand, expect: AgentReply['kind']): Promise<AgentReply[]> {
    const replies = this.collect(expect);
    this.agents.forEach((agent, i) => agent.send(command(i)));
    return replies;
  }

  private collect(expect: AgentReply['kind']): Promise<AgentReply[]> {
    return Promise.all(
      this.agents.map(
        (agent) =>
          new Promise<AgentReply>((resolve) => {
            const listener = (message: AgentReply) => {
              if (message.kind !== expect) return;
              agent.off('message', listener);
              resolve(message);
            };
            agent.on('message', listener);
          }),
      ),
    );
  }
}
