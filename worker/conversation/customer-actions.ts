/**
 * The customer's handoff frames (the "Talk to a human" button, the answer to an offer, the contact form,
 * the rating, the feedback buttons under an AI answer): the transcript entry each one stores, and the handoff machine's event it becomes.
 */
import type { ClientFrame } from "../../schema/protocol";
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
  switch (frame.type) {
    case "request_human":
      return { id: frame.id, kind: "system", event: "handoff_requested", author, text: "Asked to talk to a person" };
    case "offer_reply":
      return {
        id: frame.id,
        kind: "system",
        event: frame.accept ? "handoff_requested" : "offer_declined",
        author,
        text: frame.accept ? "Yes, connect me with a person" : "No thanks",
      };
    case "contact":
      return {
        id: frame.id,
        kind: "system",
        event: "contact_collected",
        author: { ...author, name: frame.name ?? record.customer.name },
        text: customerCopy(record.language).contactSaved,
        internal: { email: frame.email, name: frame.name, orderNumber: frame.orderNumber },
      };
    case "csat":
      return {
        id: frame.id,
        kind: "system",
        event: "csat_received",
        author,
        text: customerCopy(record.language).csatThanks,
        meta: { score: frame.score },
        internal: { comment: frame.comment ?? null },
      };
    case "feedback":
      return {
        id: frame.id,
        kind: "system",
        event: frame.helped ? "resolution_confirmed" : "answer_rejected",
        author,
        text: frame.helped ? "That helped" : "I still need help",
        meta: { answerSeq: frame.answerSeq },
      };
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
