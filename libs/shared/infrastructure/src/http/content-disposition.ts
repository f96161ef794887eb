/** `Content-Disposition: attachment` with an ASCII fallback name and the exact one per RFC 5987/6266. */
export function attachmentDisposition(fileName: string): string {
  const fallback = [...fileName]
    .map((c) => (/^[\x20-\x7e]$/.test(c) && !/["\\%;]/.test(c) ? c : '_'))
    .join('');
  const exact = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback || 'file'}"; filename*=UTF-8''${exact}`;
}
