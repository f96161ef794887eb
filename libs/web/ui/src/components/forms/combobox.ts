/** Keys that move the active option of a combobox's list. */
export type ComboboxMove = 'ArrowDown' | 'ArrowUp' | 'Home' | 'End';

/**
 * The option that becomes active after a key, wrapping around the ends; `-1` (none active) when the list is
 * empty. From "none", ArrowDown goes to the first option and ArrowUp to the last.
 */
export function nextActiveIndex(current: number, count: number, key: ComboboxMove): number {
  if (count <= 0) return -1;
  switch (key) {
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    case 'ArrowDown':
      return current < 0 || current >= count - 1 ? 0 : current + 1;
    case 'ArrowUp':
      return current <= 0 || current >= count ? count - 1 : current - 1;
  }
}

export interface LatestSearchHandlers<T> {
  /** The answer to the latest query (answers to older queries never arrive here). */
  onResult(query: string, result: T): void;
  /** The latest query failed. */
  onError(query: string, error: unknown): void;
}

export interface LatestSearch {
  /** Searches for `query` once typing pauses for the delay; a pending or running older search is dropped. */
  schedule(query: string): void;
  /** Searches for `query` at once (e.g. the list opened by a key), dropping any older search. */
  now(query: string): void;
  /** Drops the pending or running search: nothing more is reported until the next `schedule`/`now`. */
  cancel(): void;
}

/**
 * Debounced search that reports only the answer to the latest query: each new query aborts the previous
 * request (its `AbortSignal`) and any answer or failure that still arrives for it is ignored.
 */
export function latestSearch<T>(
  run: (query: string, signal: AbortSignal) => Promise<T>,
  handlers: LatestSearchHandlers<T>,
  delayMs = 200,
): LatestSearch {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let controller: AbortController | null = null;
  let generation = 0;

  function cancel(): void {
    generation++;
    if (timer !== null) clearTimeout(timer);
    timer = null;
    controller?.abort();
    controller = null;
  }

  function start(query: string): void {
    const mine = generation;
    const own = new AbortController();
    controller = own;
    run(query, own.signal).then(
      (result) => {
        if (mine === generation) handlers.onResult(query, result);
      },
      (error: unknown) => {
        if (mine === generation) handlers.onError(query, error);
      },
    );
  }

  return {
    schedule(query) {
      cancel();
      const mine = generation;
      timer = setTimeout(() => {
        timer = null;
        if (mine === generation) start(query);
      }, delayMs);
    },
    now(query) {
      cancel();
      start(query);
    },
    cancel,
  };
}
