import { ref } from 'vue';

/**
 * A one-off confirmation carried across a navigation (e.g. «Обращение отправлено…» shown on the request page
 * after the form sent it). The next page takes it once.
 */
const message = ref<string | null>(null);

export function setFlash(text: string): void {
  message.value = text;
}

export function takeFlash(): string | null {
  const text = message.value;
  message.value = null;
  return text;
}

/** A request number that never breaks across lines (`54-2026-000012` with non-breaking hyphens). */
export function unbreakable(number: string): string {
  return number.replace(/-/g, '\u2011');
}
