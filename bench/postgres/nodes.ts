// Ringstuga nodes (the production bundle) on one PostgreSQL database, as the compose profile runs them.
import { startServerProcess, type ServerProcess } from '../server-process.ts';

// DATABASE_URL wins over DATABASE_PATH: the path is never opened.
const UNUSED_PATH = '/nonexistent/ringstuga-not-used.db';

/**
 * One after another: started together, two shared cores take longer than the start-up timeout allows.
 * `nodeFlags`: Node's own, for each node (statements-profile.ts's `--cpu-prof`).
 */
export async function startNodes(databaseUrl: string, count: number, nodeFlags: string[] = []): Promise<ServerProcess[]> {
  const nodes: ServerProcess[] = [];
  try {
    for (let i = 0; i < count; i += 1) nodes.push(await startServerProcess(UNUSED_PATH, { DATABASE_URL: databaseUrl }, nodeFlags));
  } catch (error) {
    for (const node of nodes) await node.stop();
    throw error;
  }
  return nodes;
}
