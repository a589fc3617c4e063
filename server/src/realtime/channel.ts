import type { IncomingMessage } from 'node:http';
import type { Server, Socket } from 'socket.io';
import type { CommandRegistry, PushArgs, PushRegistry, Why } from '@ringstuga/shared';
import { registerHandlers, type Handlers } from './handle.ts';

type Handshake = Socket['handshake'];

export interface NamespaceSpec<C extends CommandRegistry, P extends PushRegistry> {
  name: string;
  commands: C;
  pushes: P;
}

/** One connection as a feature sees it: who it is, and pushes typed from the namespace's registry. */
export interface Peer<P extends PushRegistry, D> {
  readonly data: D;
  readonly handshake: Handshake;
  push<E extends keyof P & string>(event: E, ...args: PushArgs<P[E]>): void;
  onDisconnect(listener: () => void): void;
  disconnect(): void;
}

/**
 * A join refused at the handshake: the message for tools and logs (a public contract), and why, as
 * socket.io hands an error's `data` to the client's connect_error, for the page to say in its language.
 */
export const refusedJoin = (message: string, why: Why): Error => Object.assign(new Error(message), { data: why });

/** A join check: the connection's data, or why it is refused (an Error, which the client sees). */
export type Authenticate<D> = (handshake: Handshake, request: IncomingMessage) => D | Error | Promise<D | Error>;

/**
 * A socket.io namespace typed from its registry. socket.io types events per server, not per
 * namespace; here the raw namespace stays untyped and private, and every way in or out (join
 * check, handlers, pushes, the connection's data) is typed from the namespace's spec.
 */
export function createChannel<C extends CommandRegistry, P extends PushRegistry, D>(
  io: Server,
  spec: NamespaceSpec<C, P>,
  rooms: (data: D) => string[],
  options: { local?: boolean } = {},
) {
  const namespace = io.of(spec.name);
  // With several nodes each runs every announcement for its own sockets (cluster.ts): pushes and
  // disconnects stay on this node, or every socket would hear each one once per node.
  const here = () => (options.local ? namespace.local : namespace);
  const dataOf = new WeakMap<Socket, D>();
  const peer = (socket: Socket, data: D): Peer<P, D> => ({
    data,
    handshake: socket.handshake,
    push: (event, ...args) => void socket.emit(event, ...args),
    onDisconnect: (listener) => void socket.on('disconnect', listener),
    disconnect: () => void socket.disconnect(true),
  });
  const peers = function* () {
    for (const socket of namespace.sockets.values()) {
      const data = dataOf.get(socket);
      if (data !== undefined) yield peer(socket, data);
    }
  };
  namespace.on('connection', (socket) => {
    const data = dataOf.get(socket);
    if (data !== undefined) void socket.join(rooms(data));
  });

  return {
    spec,
    /**
     * Only connections `check` accepts join; what it returns is the connection's data. A check that
     * fails (the database out of reach) is logged and refuses as `join_unavailable`, which pages try
     * again: the client never sees the failure's own words.
     */
    authenticate(check: Authenticate<D>, onError: (error: unknown) => void): void {
      namespace.use((socket, next) => {
        // Inside the promise: a check that throws at once is a failure like one that rejects.
        Promise.resolve()
          .then(() => check(socket.handshake, socket.request))
          .then(
            (result) => {
              if (result instanceof Error) return next(result);
              dataOf.set(socket, result);
              next();
            },
            (error: unknown) => {
              onError(error);
              next(refusedJoin('unavailable', { reason: 'join_unavailable' }));
            },
          );
      });
    },
    /** On each connection: `connect` runs, and the handlers it returns answer the registry's commands. */
    serve(connect: (peer: Peer<P, D>) => Handlers<C>, onError: (error: unknown, data: D) => void): void {
      namespace.on('connection', (socket) => {
        const data = dataOf.get(socket);
        if (data === undefined) return;
        registerHandlers(socket, spec.commands, connect(peer(socket, data)), (error) => onError(error, data));
      });
    },
    /** Realtime's own bookkeeping per connection (features use `serve`). */
    onConnect(listener: (peer: Peer<P, D>) => void): void {
      namespace.on('connection', (socket) => {
        const data = dataOf.get(socket);
        if (data !== undefined) listener(peer(socket, data));
      });
    },
    /** A push to one socket.io room (or, without one, the whole namespace), encoded once. */
    push<E extends keyof P & string>(room: string | undefined, event: E, ...args: PushArgs<P[E]>): void {
      (room === undefined ? here() : here().to(room)).emit(event, ...args);
    },
    peers,
    connected: () => namespace.sockets.size,
    inRoom: (room: string) => namespace.adapter.rooms.get(room)?.size ?? 0,
    disconnectRoom: (room: string) => void here().in(room).disconnectSockets(true),
    disconnectAll: () => void here().disconnectSockets(true),
    /** Closes every connection at the transport level (see Realtime.dropConnections). */
    dropConnections(): void {
      for (const socket of namespace.sockets.values()) socket.conn.close();
    },
  };
}

export type Channel<C extends CommandRegistry, P extends PushRegistry, D> = ReturnType<typeof createChannel<C, P, D>>;
