/**
 * The phone-talk rule of the embedded intent classifier (worker/ai/embedded/intent.ts): a `call` and a `talk` concept,
 * neither negated, read as a request for a person. None of these messages is a phrasing of data/phrasings/.
 */
import { describe, expect, it } from "vitest";
import { asksToTalkByPhone, classifyIntent, PHONE_TALK_SCORE } from "../../worker/ai/embedded/intent";

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
