import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { latestSearch, nextActiveIndex } from './combobox';

describe('nextActiveIndex', () => {
  it('arrows_moveAndWrapAround', () => {
    expect(nextActiveIndex(-1, 3, 'ArrowDown')).toBe(0);
    expect(nextActiveIndex(0, 3, 'ArrowDown')).toBe(1);
    expect(nextActiveIndex(2, 3, 'ArrowDown')).toBe(0);
    expect(nextActiveIndex(-1, 3, 'ArrowUp')).toBe(2);
    expect(nextActiveIndex(1, 3, 'ArrowUp')).toBe(0);
    expect(nextActiveIndex(0, 3, 'ArrowUp')).toBe(2);
  });

  it('homeEnd_goToTheEnds_andAnEmptyListHasNoActiveOption', () => {
    expect(nextActiveIndex(1, 3, 'Home')).toBe(0);
    expect(nextActiveIndex(1, 3, 'End')).toBe(2);
    expect(nextActiveIndex(0, 0, 'ArrowDown')).toBe(-1);
    expect(nextActiveIndex(5, 2, 'ArrowDown')).toBe(0); // the list shrank under the active option
  });
});

describe('latestSearch', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  function setup() {
    const calls: {
      query: string;
      signal: AbortSignal;
      resolve: (v: string) => void;
      reject: (e: unknown) => void;
    }[] = [];
    const run = (query: string, signal: AbortSignal) =>
      new Promise<string>((resolve, reject) => calls.push({ query, signal, resolve, reject }));
    const results: string[] = [];
    const errors: string[] = [];
    const search = latestSearch(run, {
      onResult: (q, r) => results.push(`${q}:${r}`),
      onError: (q) => errors.push(q),
    });
    return { calls, results, errors, search };
  }

  it('schedule_typingQuickly_searchesOnceForTheLastText', () => {
    const { calls, search } = setup();
    search.schedule('I');
    jest.advanceTimersByTime(100);
    search.schedule('I2');
    jest.advanceTimersByTime(199);
    expect(calls).toHaveLength(0);
    jest.advanceTimersByTime(1);
    expect(calls.map((c) => c.query)).toEqual(['I2']);
  });

  it('schedule_aNewerQuery_abortsTheOlderRequestAndIgnoresItsLateAnswer', async () => {
    const { calls, results, errors, search } = setup();
    search.schedule('I2');
    jest.advanceTimersByTime(200);
    search.now('I20');
    const [older, newer] = calls;
    expect(older?.signal.aborted).toBe(true);
    newer?.resolve('new');
    older?.resolve('old');
    older?.reject(new Error('aborted'));
    await Promise.resolve();
    await Promise.resolve();
    expect(results).toEqual(['I20:new']);
    expect(errors).toEqual([]);
  });

  it('cancel_dropsThePendingSearch_andFailuresOfTheLatestAreReported', async () => {
    const { calls, errors, search } = setup();
    search.schedule('I2');
    search.cancel();
    jest.advanceTimersByTime(500);
    expect(calls).toHaveLength(0);
    search.now('x');
    calls[0]?.reject(new Error('offline'));
    await Promise.resolve();
    await Promise.resolve();
    expect(errors).toEqual(['x']);
  });
});
