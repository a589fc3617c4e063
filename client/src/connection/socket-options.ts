/**
 * How long an acknowledgement may take. Set as the socket's `ackTimeout` rather than wrapped
 * around `emitWithAck`: the types survive, and socket.io drops a timed-out packet from its
 * send buffer, so an outcome that timed out while offline is not sent behind the user's back.
 */
export const ACK_TIMEOUT_MS = 10_000;

/** socket.io's own messages for a rejected emitWithAck. */
export function isTimeout(error: unknown): boolean {
  return error instanceof Error && error.message === 'operation has timed out';
}
