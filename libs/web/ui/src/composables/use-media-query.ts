import { onScopeDispose, ref, type Ref } from 'vue';

/** Reactive `matchMedia`; false where there is no window. */
export function useMediaQuery(query: string): Readonly<Ref<boolean>> {
  const matches = ref(false);
  if (typeof window === 'undefined' || typeof window.matchMedia !== 'function') return matches;
  const list = window.matchMedia(query);
  matches.value = list.matches;
  const onChange = (event: MediaQueryListEvent): void => {
    matches.value = event.matches;
  };
  list.addEventListener('change', onChange);
  onScopeDispose(() => list.removeEventListener('change', onChange));
  return matches;
}
