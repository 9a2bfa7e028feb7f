/**
 * The phone-talk rule of the embedded intent classifier (worker/ai/embedded/intent.ts): a `call` and a `talk` concept,
 * neither negated, read as a request for a person. None of these messages is a phrasing of data/phrasings/.
 */
import { describe, expect, it } from "vitest";
import {
  asksForCallback,
  asksToTalkByPhone,
  classifyIntent,
  declinesCall,
  PHONE_TALK_SCORE,
} from "../../worker/ai/embedded/intent";

describe("asksToTalkByPhone", () => {
  it.each(["お電話で相談させてください", "prefiero hablar por teléfono", "ich würde gern telefonisch sprechen"])(
    "reads %j as a request to talk on the phone",
    (text) => {
      expect(asksToTalkByPhone(text)).toBe(true);
      const intent = classifyIntent(text, 0);
      expect(intent.intent).toBe("human_request");
      expect(intent.score).toBeGreaterThanOrEqual(0.5);
      expect(PHONE_TALK_SCORE).toBeGreaterThanOrEqual(0.5);
    },
  );

  it.each([
    ["no talk word", "mon téléphone est cassé"],
    ["a negated call", "no quiero hablar por teléfono, prefiero el chat"],
    ["English, which has no call stems", "can i talk to you on the phone"],
  ])("is false with %s: %j", (_why, text) => {
    expect(asksToTalkByPhone(text)).toBe(false);
  });
});

describe("asksForCallback", () => {
  it.each(["llámenme al 612 345 678", "pouvez-vous me rappeler au 06.11.22.33.44 ?", "bel me even op +31 6 1234 5678"])(
    "reads %j, a call word and a number to call, as a request for a person",
    (text) => {
      expect(asksForCallback(text)).toBe(true);
      expect(classifyIntent(text, 0).intent).toBe("human_request");
    },
  );

  it.each([
    "mon téléphone 06 11 22 33 44 est cassé",
    "no me llamen al 612 345 678",
    "ma commande 12345678 est en retard",
  ])("is false for %j (a statement, a negated call, no call word)", (text) => {
    expect(asksForCallback(text)).toBe(false);
  });
});

describe("declinesCall", () => {
  it.each(["no me llamen por favor, prefiero el chat", "bitte nicht anrufen, schreiben sie mir hier"])(
    "reads %j as no request for a person",
    (text) => {
      expect(declinesCall(text)).toBe(true);
      expect(classifyIntent(text, 0).intent).not.toBe("human_request");
    },
  );

  it("keeps a request for a person beside a declined call", () => {
    expect(declinesCall("ne m'appelez pas, passez-moi un conseiller")).toBe(false);
    expect(classifyIntent("ne m'appelez pas, passez-moi un conseiller", 0).intent).toBe("human_request");
  });
});
