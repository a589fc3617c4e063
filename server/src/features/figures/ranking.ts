// The one order of every competition the product shows (the stations' leaderboard, the board's and
// the big screen's standings): conversations, then attempts, then the name in Swedish order
// (Å, Ä, Ö after Z, as SQLite's byte order would not put them).

interface Ranked {
  name: string;
  conversations: number;
  attempts: number;
}

/** Sorts `rows` in place by their figures (`figuresOf`), best first, and returns them. */
export function rankByConversations<T>(rows: T[], figuresOf: (row: T) => Ranked): T[] {
  return rows.sort((a, b) => {
    const x = figuresOf(a);
    const y = figuresOf(b);
    return y.conversations - x.conversations || y.attempts - x.attempts || x.name.localeCompare(y.name, 'sv');
  });
}
