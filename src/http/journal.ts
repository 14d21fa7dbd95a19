/** One request as the admin API's journal shows it. */
export interface JournalEntry {
  time: string;
  dialect: string;
  method: string;
  path: string;
  operationId: string | null;
  status: number;
  durationMs: number;
}

/** An entry as a request adds it: the time as a number, formatted only when someone reads the journal. */
export type JournalRecord = Omit<JournalEntry, 'time'> & { at: number };

/**
 * The most recent requests, in a fixed-size ring: memory stays the same however much traffic passes.
 */
export class RequestJournal {
  private readonly entries: (JournalRecord | undefined)[];
  private next = 0;
  private total = 0;

  /** `onAdd` sees every entry as it is added (the debug log uses it). */
  constructor(readonly capacity: number, private readonly onAdd?: (entry: JournalRecord) => void) {
    this.entries = new Array(Math.max(0, capacity));
  }

  add(entry: JournalRecord): void {
    this.total++;
    this.onAdd?.(entry);
    if (this.capacity === 0) return;
    this.entries[this.next] = entry;
    this.next = (this.next + 1) % this.capacity;
  }

  /** Oldest first. */
  list(): JournalEntry[] {
    const ordered = [...this.entries.slice(this.next), ...this.entries.slice(0, this.next)];
    return ordered.filter((e): e is JournalRecord => e !== undefined)
      .map(({ at, ...entry }) => ({ time: new Date(at).toISOString(), ...entry }));
  }

  /** How many requests have passed in all, including those the ring no longer holds. */
  count(): number {
    return this.total;
  }

  clear(): void {
    this.entries.fill(undefined);
    this.next = 0;
    this.total = 0;
  }
}
