import { beforeAll, describe, expect, it, vi } from "vitest";
import { detectLanguage, loadLanguageDetector, primarySubtag, UNDETERMINED } from "../../worker/ai/language/detect";

describe("loading", () => {
  it("answers with the hint until the database has loaded, then detects", async () => {
    vi.resetModules();
    const fresh = await import("../../worker/ai/language/detect");
    expect(fresh.detectLanguage("je voudrais parler à quelqu'un", "en")).toMatchObject({
      language: "en",
      source: "hint",
    });
    expect(fresh.detectLanguage("je voudrais parler à quelqu'un")).toMatchObject({ language: "und", source: "none" });
    await fresh.loadLanguageDetector();
    expect(fresh.detectLanguage("je voudrais parler à quelqu'un", "en")).toMatchObject({
      language: "fr",
      source: "text",
    });
  });
});

describe("detectLanguage", () => {
  beforeAll(async () => {
    await loadLanguageDetector();
  });

  it.each([
    ["Bonjour, je voudrais parler à quelqu'un", "fr"],
    ["Quiero cancelar mi suscripción", "es"],
    ["gracias, ya funciona", "es"],
    ["Ich möchte mit einem Menschen sprechen", "de"],
    ["Quero cancelar a minha assinatura", "pt"],
    ["Vorrei parlare con un operatore", "it"],
    ["Ik wil met een medewerker praten", "nl"],
    ["人と話したいです", "ja"],
    ["أريد التحدث مع شخص", "ar"],
    ["אני רוצה לדבר עם נציג", "he"],
    ["I was charged twice for my subscription", "en"],
  ])("reads %s as %s", (text, language) => {
    const r = detectLanguage(text);
    expect(r).toMatchObject({ language, source: "text" });
    expect(r.confidence).toBeGreaterThan(0);
    expect(r.confidence).toBeLessThanOrEqual(1);
  });

  it("prefers a product language that eld scores close to its top pick when that pick is one the product lacks", () => {
    // eld alone reads these as Danish and Catalan.
    expect(detectLanguage("dag en bedankt").language).toBe("nl");
    expect(detectLanguage("salut, ça va ?").language).toBe("fr");
    // No product language comes close: the language the customer wrote in stays.
    expect(detectLanguage("Jeg vil gerne tale med en medarbejder").language).toBe("da");
  });

  it("keeps the hint when eld scores it nearly as high as its top pick", () => {
    // eld reads "hallo daar" as German by a hair; on a Dutch conversation it stays Dutch.
    expect(detectLanguage("hallo daar", "nl")).toMatchObject({ language: "nl", source: "text" });
    expect(detectLanguage("hallo daar")).toMatchObject({ language: "de", source: "text" });
  });

  it("is undetermined for text too short or without letters, unless there is a hint", () => {
    for (const text of ["", "ok", "??", "12345", "👍"]) {
      expect(detectLanguage(text)).toEqual({ language: UNDETERMINED, confidence: 0, source: "none" });
      expect(detectLanguage(text, "fr-CA")).toEqual({ language: "fr", confidence: 0, source: "hint" });
    }
  });

  it("falls back to the hint when the detector is unsure ('merci' alone reads as Italian, unsure)", () => {
    expect(detectLanguage("merci").language).toBe(UNDETERMINED);
    expect(detectLanguage("merci", "fr")).toMatchObject({ language: "fr", source: "hint" });
  });

  it("keeps a confident detection over the hint: the customer switched language", () => {
    expect(detectLanguage("Quiero hablar con una persona, por favor", "en")).toMatchObject({
      language: "es",
      source: "text",
    });
  });

  it("ignores a hint that is not a language tag", () => {
    expect(detectLanguage("ok", "not a tag!")).toMatchObject({ language: UNDETERMINED, source: "none" });
    expect(detectLanguage("ok", "und")).toMatchObject({ language: UNDETERMINED, source: "none" });
  });

  it("bounds its work on a very long message", () => {
    const r = detectLanguage("je voudrais annuler mon abonnement ".repeat(5000));
    expect(r.language).toBe("fr");
  });
});

describe("primarySubtag", () => {
  it("takes the language of a BCP 47 tag, lower-cased", () => {
    expect(primarySubtag("pt-BR")).toBe("pt");
    expect(primarySubtag("FR")).toBe("fr");
    expect(primarySubtag("zh_Hant")).toBe("zh");
    expect(primarySubtag("")).toBeNull();
    expect(primarySubtag(undefined)).toBeNull();
    expect(primarySubtag("und")).toBeNull();
    expect(primarySubtag("english")).toBeNull();
  });
});
