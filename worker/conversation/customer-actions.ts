/**
 * The customer's handoff frames (the "Talk to a human" button, the answer to an offer, the contact form,
 * the rating, the feedback buttons under an AI answer): the transcript entry each one stores, and the handoff machine's event it becomes.
 */
import type { ClientFrame, SystemEvent } from "../../schema/protocol";
import type { HandoffEventInput } from "../handoff/types";
import type { ConversationRecord } from "./conversation-record";
import { customerCopy } from "../languages/customer-copy";
import type { NewEntry } from "./transcript-store";

export type CustomerAction = Extract<
  ClientFrame,
  { type: "request_human" | "offer_reply" | "contact" | "csat" | "feedback" }
>;

const ACTION_TYPES: ReadonlySet<ClientFrame["type"]> = new Set([
  "request_human",
  "offer_reply",
  "contact",
  "csat",
  "feedback",
]);

export function isCustomerAction(frame: ClientFrame): frame is CustomerAction {
  return ACTION_TYPES.has(frame.type);
}

/** The entry the frame stores; its client id makes a resent frame a duplicate. */
export function actionEntry(frame: CustomerAction, record: ConversationRecord): NewEntry {
  const author = { role: "customer" as const, name: record.customer.name };
  const system = (event: SystemEvent, text: string, more: Partial<NewEntry> = {}): NewEntry => ({
    id: frame.id,
    kind: "system",
    event,
    author,
    text,
    ...more,
  });
  const copy = customerCopy(record.language);
  switch (frame.type) {
    case "request_human":
      return system("handoff_requested", copy.askedForPerson);
    case "offer_reply":
      return frame.accept
        ? system("handoff_requested", copy.acceptedOffer)
        : system("offer_declined", copy.declinedOffer);
    case "contact":
      return system("contact_collected", copy.contactSaved, {
        author: { ...author, name: frame.name ?? record.customer.name },
        internal: { email: frame.email, name: frame.name, orderNumber: frame.orderNumber },
      });
    case "csat":
      return system("csat_received", copy.csatThanks, {
        meta: { score: frame.score },
        internal: { comment: frame.comment ?? null },
      });
    case "feedback":
      return system(
        frame.helped ? "resolution_confirmed" : "answer_rejected",
        frame.helped ? copy.answerHelped : copy.answerNotHelped,
        {
          meta: { answerSeq: frame.answerSeq },
        },
      );
  }
}

/** The machine's event for the frame, stored as entry `seq`. */
export function actionEvent(frame: CustomerAction, seq: number): HandoffEventInput {
  switch (frame.type) {
    case "request_human":
      return { type: "human_button", seq };
    case "offer_reply":
      return { type: "offer_reply", accept: frame.accept, frameId: frame.id, seq };
    case "contact":
      return { type: "contact", contact: { email: frame.email, name: frame.name, orderNumber: frame.orderNumber } };
    case "csat":
      return { type: "csat", score: frame.score, comment: frame.comment ?? null, frameId: frame.id };
    case "feedback":
      return { type: "answer_feedback", answerSeq: frame.answerSeq, helped: frame.helped, frameId: frame.id };
  }
}
