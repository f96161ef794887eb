import { shallowRef, type Ref } from 'vue';
import { unwrap, useApiClient, type DictionaryEntry } from '@tmk/web-api-client';

/** The specialty dictionary (НСИ 1.2.643.5.1.13.13.11.1066), loaded once per tab. */
const entries = shallowRef<DictionaryEntry[]>([]);
let loading: Promise<void> | null = null;

export interface Specialties {
  readonly entries: Readonly<Ref<DictionaryEntry[]>>;
  /** The specialty's name, or its code while the dictionary is not loaded. */
  name(code: string | null | undefined): string;
}

export function useSpecialties(): Specialties {
  if (entries.value.length === 0 && !loading) {
    loading = unwrap(useApiClient().GET('/api/v1/identity/dictionaries/specialties'))
      .then((list) => {
        entries.value = [...list].sort((a, b) => a.name.localeCompare(b.name, 'ru'));
      })
      .catch(() => undefined) // codes are shown instead; the next page asks again
      .finally(() => {
        loading = null;
      });
  }
  return {
    entries,
    name: (code) => (code ? (entries.value.find((e) => e.code === code)?.name ?? code) : ''),
  };
}
