/**
 * What every locale file does: counts through Intl.PluralRules (`plural`), and registering the locale's strings
 * for the launcher's loader (core/parts.ts), which reads them from PART_GLOBAL + "locale-<lang>".
 */
import { type Locale, PART_GLOBAL } from "../bridge";

/** `forms[category]` for `n` in `lang`, "#" replaced by `n`. */
export function plural(lang: string) {
  const rules = new Intl.PluralRules(lang);
  return (n: number, forms: Partial<Record<Intl.LDMLPluralRule, string>> & { other: string }) =>
    (forms[rules.select(n)] ?? forms.other).replace("#", String(n));
}

/** Minutes of an estimated wait, rounded up to at least one. */
export const minutes = (seconds: number) => Math.max(1, Math.round(seconds / 60));

export function register(lang: string, locale: Locale): void {
  (window as unknown as Record<string, unknown>)[`${PART_GLOBAL}locale-${lang}`] = locale;
}
