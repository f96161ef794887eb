import { reactive } from 'vue';
import { unwrap, useApiClient, type Icd10Entry } from '@tmk/web-api-client';
import { isIcd10Code } from '../requests/icd10';

/** Names of the codes seen in this tab (code → name; null: the dictionary has no such code). */
const names = reactive(new Map<string, string | null>());
const lookups = new Map<string, Promise<void>>();

export interface Icd10 {
  /** The dictionary's answer to what is typed: by code prefix or by words of the name, 20 at most. */
  search(query: string, signal?: AbortSignal): Promise<Icd10Entry[]>;
  /** Finds the name of a well-formed code (once per tab); `name` then has it. */
  lookup(code: string): void;
  /** The name of a code: a string, null when the dictionary has no such code, undefined while not known. */
  name(code: string): string | null | undefined;
}

/** The МКБ-10 dictionary of the api (НСИ 1.2.643.5.1.13.13.11.1005), for the diagnosis pickers. */
export function useIcd10(): Icd10 {
  const api = useApiClient();
  async function search(query: string, signal?: AbortSignal): Promise<Icd10Entry[]> {
    const list = await unwrap(
      api.GET('/api/v1/consultations/dictionaries/icd10', {
        params: { query: { q: query.trim().slice(0, 100) } },
        ...(signal ? { signal } : {}),
      }),
    );
    for (const entry of list) names.set(entry.code, entry.name);
    return list;
  }
  function lookup(code: string): void {
    if (!isIcd10Code(code) || names.has(code) || lookups.has(code)) return;
    const pending = search(code)
      .then((list) => {
        if (!list.some((e) => e.code === code)) names.set(code, null);
      })
      .catch(() => undefined) // the name is a nicety: without it the code still stands
      .finally(() => lookups.delete(code));
    lookups.set(code, pending);
  }
  return { search, lookup, name: (code) => names.get(code) };
}
