/**
 * Picks the best supported language from an `Accept-Language` header (RFC 9110 §12.5.4):
 * highest q first, exact tag before its primary subtag (`pt-BR` → `pt`), and a bare language
 * (`pl`, `tr`) takes the first supported tag of that language (`pl-PL`, `tr-TR`); `*` and q=0
 * ignored.
 */
export const negotiateLanguage = (
  header: string | undefined,
  supported: readonly string[],
  fallback = 'en',
): string => {
  if (!header) return fallback;
  const byLower = new Map(supported.map((tag) => [tag.toLowerCase(), tag]));
  const ranges = header
    .split(',')
    .map((part, index) => {
      const [range = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const quality = q ? Number(q.slice(2)) : 1;
      return { range: range.trim().toLowerCase(), quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter(({ range, quality }) => range && range !== '*' && quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const { range } of ranges) {
    const match =
      byLower.get(range) ??
      byLower.get(range.split('-')[0] ?? '') ??
      (range.includes('-') ? undefined : supported.find((tag) => tag.toLowerCase().startsWith(`${range}-`)));
    if (match) return match;
  }
  return fallback;
};
