export * from './outcomes.ts';
export * from './schemas.ts';
export * from './events.ts';
export * from './room.ts';
export * from './lists.ts';
export * from './phone-pairing.ts';
export * from './text.ts';
export * from './sessions.ts';
