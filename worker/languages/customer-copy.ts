/**
 * The customer copy in a conversation's language: the catalogue of that language, else English (a language
 * the product does not speak yet, or none known).
 */
import { isSupportedLanguage, type SupportedLanguage } from "../../schema/languages";
import type { CustomerCopy } from "./catalogue";
import { ar } from "./catalogues/ar";
import { de } from "./catalogues/de";
import { en } from "./catalogues/en";
import { es } from "./catalogues/es";
import { fr } from "./catalogues/fr";
import { it } from "./catalogues/it";
import { ja } from "./catalogues/ja";
import { nl } from "./catalogues/nl";
import { pt } from "./catalogues/pt";

export type { CustomerCopy } from "./catalogue";

export const CATALOGUES: Record<SupportedLanguage, CustomerCopy> = { en, es, fr, de, pt, it, nl, ja, ar };

export function customerCopy(language: string | undefined | null): CustomerCopy {
  return isSupportedLanguage(language) ? CATALOGUES[language] : en;
}

/** The language `customerCopy` actually speaks for `language`. */
export function copyLanguage(language: string | undefined | null): SupportedLanguage {
  return isSupportedLanguage(language) ? language : "en";
}
