// The customer's own actions (the button, the answers to an offer) are stored in the conversation's
// language, so a French customer's transcript reads French throughout.
import { describe, expect, it } from "vitest";
import { customerCopy } from "../../../worker/languages/customer-copy";
import { createConversation, openCustomer } from "../helpers/sockets";

describe("the customer's actions in their language", () => {
  it("a French customer's 'talk to a person' reads French", async () => {
    const { conversationId, token } = await createConversation({ locale: "fr" });
    const client = await openCustomer(conversationId, token);
    await client.hello(0);
    client.send({ type: "request_human", id: "h1" });
    await client.next("ack", (f) => f.id === "h1");
    await client.next("entry", (f) => f.entry.event === "queued");
    const asked = client.entries().find((e) => e.event === "handoff_requested");
    expect(asked?.text).toBe("Demande à parler à une personne");
    client.close();
  });

  it("a French transcript opens in French, an English one in English", async () => {
    for (const [locale, text] of [
      ["fr", "Conversation démarrée"],
      ["en", "Conversation started"],
    ] as const) {
      const { conversationId, token } = await createConversation({ locale });
      const client = await openCustomer(conversationId, token);
      await client.hello(0);
      expect(client.entries().find((e) => e.event === "conversation_started")?.text).toBe(text);
      client.close();
    }
  });

  it("every language has its own wording of each action, English the original one", () => {
    expect(customerCopy("en").askedForPerson).toBe("Asked to talk to a person");
    expect(customerCopy("es").declinedOffer).toBe("No, gracias");
    expect(customerCopy("de").answerHelped).toBe("Das hat geholfen");
  });
});
