import { onScopeDispose, ref, type Ref } from 'vue';

/** The current time (ms), updated every `everyMs` while the calling component lives: for countdowns. */
export function useNow(everyMs = 30_000): Readonly<Ref<number>> {
  const now = ref(Date.now());
  const timer = setInterval(() => {
    now.value = Date.now();
  }, everyMs);
  onScopeDispose(() => clearInterval(timer));
  return now;
}
