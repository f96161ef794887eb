import type { AuditOutcome } from '@tmk/web-api-client';

/** The badge colour of an outcome. */
export function outcomeTone(outcome: AuditOutcome): 'success' | 'warning' | 'danger' {
  if (outcome === 'success') return 'success';
  return outcome === 'denied' ? 'danger' : 'warning';
}

/** `changes` as readable, indented JSON (or null when there are none). */
export function changesText(changes: unknown): string | null {
  if (changes === null || changes === undefined) return null;
  if (typeof changes === 'object' && Object.keys(changes).length === 0) return null;
  return JSON.stringify(changes, null, 2);
}
