import { connect, createServer, type Socket } from 'node:net';

/** A TCP relay between one node and the run's PostgreSQL, which a test can cut as a network would. */
export interface DatabaseLink {
  /** `url` with its host and port replaced by the relay's. */
  url: string;
  /**
   * PostgreSQL becomes unreachable for this node only (the shared server and every other test
   * file's database carry on): `refuse` ends every connection and refuses new ones, as a stopped
   * server does; `silence` keeps accepting but never answers, as a cut cable or a lost route does.
   */
  cut(how: 'refuse' | 'silence'): void;
  close(): Promise<void>;
}

export async function linkToDatabase(url: string): Promise<DatabaseLink> {
  const target = new URL(url);
  const sockets = new Set<Socket>();
  let state: 'open' | 'silence' | 'refuse' = 'open';
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    // A relay end torn down by `cut` or by the other side: nothing to report.
    socket.on('error', () => socket.destroy());
  };
  const relay = createServer((client) => {
    track(client);
    if (state !== 'open') return;
    const server = connect({ host: target.hostname, port: Number(target.port) });
    track(server);
    client.pipe(server).pipe(client);
    client.on('close', () => server.destroy());
    server.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    relay.once('error', reject);
    relay.listen(0, '127.0.0.1', () => resolve());
  });
  const address = relay.address();
  if (!address || typeof address === 'string') throw new Error('the relay did not listen on a port');
  const relayed = new URL(url);
  relayed.host = `127.0.0.1:${address.port}`;
  const destroyAll = () => {
    for (const socket of sockets) socket.destroy();
  };
  return {
    url: relayed.toString(),
    cut(how) {
      state = how;
      if (how === 'refuse') {
        relay.close();
        destroyAll();
        return;
      }
      // Silence: what was sent is never delivered, and nothing comes back.
      for (const socket of sockets) {
        socket.unpipe();
        socket.removeAllListeners('data');
        socket.pause();
      }
    },
    close: async () => {
      destroyAll();
      await new Promise<void>((resolve) => relay.close(() => resolve()));
    },
  };
}
