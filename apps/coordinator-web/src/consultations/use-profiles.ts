import { computed, shallowRef, type ComputedRef } from 'vue';
import { unwrap, useApiClient, type DictionaryEntry } from '@tmk/web-api-client';
import type { UiSelectOption } from '@tmk/web-ui';

/** The specialties dictionary (НСИ 1.2.643.5.1.13.13.11.1066), read once per tab: request profiles. */
const entries = shallowRef<DictionaryEntry[]>([]);
let loading: Promise<void> | null = null;

export interface Profiles {
  readonly options: ComputedRef<UiSelectOption[]>;
  /** The profile's name, or its code while the dictionary is loading or when it is not there. */
  name(code: string): string;
  load(): Promise<void>;
}

export function useProfiles(): Profiles {
  const api = useApiClient();
  const byCode = computed(() => new Map(entries.value.map((e) => [e.code, e.name])));
  const options = computed(() =>
    [...entries.value]
      .sort((a, b) => a.name.localeCompare(b.name, 'ru'))
      .map((e) => ({ value: e.code, label: e.name })),
  );

  function load(): Promise<void> {
    if (entries.value.length > 0) return Promise.resolve();
    loading ??= unwrap(api.GET('/api/v1/identity/dictionaries/specialties'))
      .then((list) => {
        entries.value = list;
      })
      .finally(() => {
        loading = null;
      });
    return loading;
  }

  return { options, name: (code) => byCode.value.get(code) ?? code, load };
}
