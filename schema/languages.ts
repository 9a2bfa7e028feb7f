/**
 * The languages the product speaks (system strings, the widget's locales, knowledge-base versions) and the
 * one way a language tag becomes the language the server keeps: its primary subtag, lower-cased ("fr-CA" ->
 * "fr"). Shared by the worker and the console; the widget keeps its own short list so that this module's
 * valibot schemas never weigh on its first load.
 */
import * as v from "valibot";

/** English first: it is the fallback for everything. */
export const SUPPORTED_LANGUAGES = ["en", "es", "fr", "de", "pt", "it", "nl", "ja", "ar"] as const;
export type SupportedLanguage = (typeof SUPPORTED_LANGUAGES)[number];

/** Languages written right to left (the widget mirrors its layout for these). */
export const RTL_LANGUAGES: readonly string[] = ["ar", "he", "fa", "ur"];

/** "Undetermined" (BCP 47): the detector could not tell. Never stored as a conversation's language. */
export const UNDETERMINED = "und";

export function isSupportedLanguage(language: string | undefined | null): language is SupportedLanguage {
  return !!language && (SUPPORTED_LANGUAGES as readonly string[]).includes(language);
}

/** A BCP 47 tag's primary subtag, lower-cased; undefined when `tag` is not a plausible language tag. */
export function primaryLanguage(tag: string | undefined | null): string | undefined {
  const match = /^([a-zA-Z]{2,3})(?:[-_][a-zA-Z0-9]{1,8})*$/.exec((tag ?? "").trim());
  const language = match?.[1].toLowerCase();
  return language && language !== UNDETERMINED ? language : undefined;
}

/** A language tag as clients send it ("fr", "pt-BR"), kept as its primary subtag ("fr", "pt"). */
export const LanguageTag = v.pipe(
  v.string(),
  v.trim(),
  v.maxLength(35),
  v.check((tag) => primaryLanguage(tag) !== undefined, "must be a language tag such as 'fr' or 'pt-BR'"),
  v.transform((tag) => primaryLanguage(tag) as string),
);

/** A list of languages an agent or a team speaks: primary subtags, no repeats, at most 20. */
export const LanguageList = v.pipe(
  v.array(LanguageTag),
  v.maxLength(20, "at most 20 languages"),
  v.transform((list) => [...new Set(list)]),
);
