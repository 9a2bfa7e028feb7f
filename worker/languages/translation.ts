/**
 * Translation for agents with Workers AI's m2m100 model (`@cf/meta/m2m100-1.2b`: input `{ text, source_lang,
 * target_lang }`, output `{ translated_text }`). Production only: the AI binding is declared in
 * `[env.production]` (docs/architecture.md), so locally there is no translator and the API says so with
 * `translation_unavailable` rather than returning anything that looks like a translation.
 */
import type { Env } from "../env";

export const TRANSLATION_MODEL = "@cf/meta/m2m100-1.2b";
/** Longer texts are refused rather than cut: a half-translated message would mislead. */
export const MAX_TRANSLATION_CHARS = 4000;

export interface TranslationBinding {
  run(model: string, inputs: Record<string, unknown>): Promise<unknown>;
}

export interface Translation {
  translation: string;
  from: string;
  to: string;
  model: string;
}

export class TranslationError extends Error {
  constructor(
    readonly code: "translation_unavailable" | "translation_failed",
    message: string,
  ) {
    super(message);
  }
}

export interface Translator {
  translate(text: string, from: string, to: string): Promise<Translation>;
}

/** The deployment's translator, or null when it has no AI binding (local runs and tests). */
export function translatorFor(env: Pick<Env, "AI">): Translator | null {
  return env.AI ? createTranslator(env.AI as unknown as TranslationBinding) : null;
}

export function createTranslator(binding: TranslationBinding): Translator {
  return {
    async translate(text, from, to) {
      if (from === to) return { translation: text, from, to, model: TRANSLATION_MODEL };
      let output: unknown;
      try {
        output = await binding.run(TRANSLATION_MODEL, { text, source_lang: from, target_lang: to });
      } catch (error) {
        throw new TranslationError(
          "translation_failed",
          `the translation model failed: ${String(error).slice(0, 200)}`,
        );
      }
      const translated = (output as { translated_text?: unknown } | null)?.translated_text;
      if (typeof translated !== "string" || !translated.trim())
        throw new TranslationError("translation_failed", "the translation model returned no text");
      return { translation: translated.trim(), from, to, model: TRANSLATION_MODEL };
    },
  };
}
