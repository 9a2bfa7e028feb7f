/**
 * Black or white text, whichever contrasts more with the site's brand colour, so a custom
 * data-color still gives WCAG AA text on the launcher, the header and the customer's bubbles.
 */
export function textOn(color: string): string {
  const m = /^#?([0-9a-f]{6})$/i.exec(color.trim());
  if (!m) return "#fff";
  const n = parseInt(m[1], 16);
  const lin = (c: number) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  const l = 0.2126 * lin(n >> 16) + 0.7152 * lin((n >> 8) & 255) + 0.0722 * lin(n & 255);
  // Contrast with white is 1.05/(l+.05), with black (l+.05)/.05: white wins while l < ~0.179.
  return l < 0.179 ? "#fff" : "#111";
}
