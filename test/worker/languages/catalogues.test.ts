// The catalogues: every language says everything, plurals come from Intl.PluralRules, and the conversation's
// language follows confident detections only.
import { describe, expect, it } from "vitest";
import { DIALOGUE_ACTS } from "../../../schema/domain";
import { primaryLanguage, SUPPORTED_LANGUAGES } from "../../../schema/languages";
import { actReply } from "../../../worker/ai/acts/replies";
import { plural } from "../../../worker/languages/catalogue";
import { CATALOGUES, customerCopy } from "../../../worker/languages/customer-copy";
import { nextConversationLanguage, wordCount } from "../../../worker/languages/conversation-language";

describe("catalogues", () => {
  it("every supported language has every string, none empty and none left in English", () => {
    const say = (value: unknown) => (typeof value === "function" ? value("X", "Y") : value) as string;
    for (const language of SUPPORTED_LANGUAGES) {
      const copy = CATALOGUES[language];
      for (const [key, value] of Object.entries(copy)) {
        if (key === "acts") continue;
        expect(say(value).length, `${language}.${key}`).toBeGreaterThan(3);
        if (language !== "en")
          expect(say(value), `${language}.${key} is the English text`).not.toBe(
            say(CATALOGUES.en[key as keyof typeof copy]),
          );
      }
      for (const act of DIALOGUE_ACTS) {
        expect(copy.acts[act]("Ava", null).length, `${language} ${act}`).toBeGreaterThan(3);
        if (language !== "en") expect(copy.acts[act]("Ava", null)).not.toBe(CATALOGUES.en.acts[act]("Ava", null));
      }
    }
  });

  it("an unknown or unsupported language gets the English copy", () => {
    expect(customerCopy(undefined)).toBe(CATALOGUES.en);
    expect(customerCopy("zh")).toBe(CATALOGUES.en);
    expect(customerCopy("es")).toBe(CATALOGUES.es);
  });

  it("plurals follow each language's CLDR rules", () => {
    expect(customerCopy("fr").escalated(1)).toContain("1 minute)");
    expect(customerCopy("es").escalated(5)).toContain("5 minutos");
    expect(customerCopy("es").escalated(1)).toContain("1 minuto:");
    expect(customerCopy("ar").escalated(2)).toContain("دقيقتان");
    expect(customerCopy("ar").escalated(3)).toContain("3 دقائق");
    expect(plural("ar", 11, { few: "few", many: "many", other: "other" })).toBe("many");
    expect(plural("en", 1, { one: "{n} item", other: "{n} items" })).toBe("1 item");
  });

  it("act replies speak the language, with the persona's name and company", () => {
    expect(actReply("greeting", { assistantName: "Ava", companyName: "Brightbox" }, "es")).toBe(
      "Hola, soy Ava, el asistente de soporte de Brightbox. ¿En qué puedo ayudarte hoy?",
    );
    expect(actReply("thanks", undefined, "de")).toMatch(/^Gern geschehen/);
    expect(actReply("greeting", { tone: "friendly" }, "en")).toMatch(/^Hi there!/);
    expect(actReply("greeting", undefined, "zh")).toBe(actReply("greeting"));
  });
});

describe("the conversation's language", () => {
  it("takes a tag's primary subtag and refuses what is not a tag", () => {
    expect(primaryLanguage("pt-BR")).toBe("pt");
    expect(primaryLanguage("FR")).toBe("fr");
    expect(primaryLanguage("und")).toBeUndefined();
    expect(primaryLanguage("fr; DROP")).toBeUndefined();
  });

  it("follows a confident detection on a message of three words or more", () => {
    expect(nextConversationLanguage("en", "fr", "je voudrais parler à quelqu'un")).toBe("fr");
    expect(nextConversationLanguage("en", "fr", "merci")).toBe("en");
    expect(nextConversationLanguage("es", "und", "something long enough here")).toBe("es");
    expect(nextConversationLanguage(undefined, undefined, "no detector ran here")).toBeUndefined();
    expect(nextConversationLanguage("en", "ja", "パスワードを忘れました")).toBe("ja");
  });

  it("counts words in scripts without spaces", () => {
    expect(wordCount("パスワードを忘れました")).toBeGreaterThanOrEqual(3);
    expect(wordCount("ok")).toBe(1);
  });
});
