/** A file size in the unit it is shown in: КБ below a megabyte (at least 0.1), МБ from there. */
export function fileSize(bytes: number): { readonly unit: 'kb' | 'mb'; readonly value: number } {
  const size = Math.max(0, bytes);
  if (size >= 1024 * 1024) return { unit: 'mb', value: size / 1024 / 1024 };
  return { unit: 'kb', value: Math.max(size / 1024, 0.1) };
}

/** Upload progress as a whole percentage (0–100); 0 while the total is not known. */
export function uploadPercent(sent: number, total: number): number {
  if (!(total > 0) || !(sent > 0)) return 0;
  return Math.min(100, Math.floor((sent / total) * 100));
}
