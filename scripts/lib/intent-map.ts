/**
 * The one table mapping the public data sets' labels onto ours: INTENTS (worker/ai/scorer.ts) for the intent
 * model, DIALOGUE_ACTS (schema/domain.ts) for the act detector. Justified row by row in docs/scoring.md
 * ("Mapping source labels to ours"). Training (scripts/train-*.ts) and evaluation (scripts/eval*.ts) read
 * labels only through `mapIntent` and `mapAct`, so the two can never disagree.
 *
 * A label missing from a table maps to "other" (intent) or null (no act). `null` in an intent table means the
 * label is too ambiguous to teach either way, and its rows are left out of intent training and evaluation.
 */
import type { DialogueAct } from "../../schema/domain";
import type { Intent } from "../../worker/ai/scorer";

export type Source = "bitext" | "banking77" | "clinc150";

/** Bitext customer support (27 intents). */
export const BITEXT_TO_INTENT: Record<string, Intent> = {
  contact_human_agent: "human_request",
  contact_customer_service: "human_request",
  get_refund: "billing_dispute",
  payment_issue: "billing_dispute",
  cancel_order: "cancellation",
  check_cancellation_fee: "cancellation",
  delete_account: "cancellation",
  complaint: "complaint",
};

/**
 * BANKING77: the ten ways of disputing money taken or not returned are billing disputes; closing the account is
 * a cancellation; every other banking task (card arrival, top-ups, transfers, identity checks) is "other".
 */
export const BANKING77_TO_INTENT: Record<string, Intent | null> = {
  transaction_charged_twice: "billing_dispute",
  extra_charge_on_statement: "billing_dispute",
  card_payment_not_recognised: "billing_dispute",
  direct_debit_payment_not_recognised: "billing_dispute",
  cash_withdrawal_not_recognised: "billing_dispute",
  wrong_amount_of_cash_received: "billing_dispute",
  card_payment_wrong_exchange_rate: "billing_dispute",
  card_payment_fee_charged: "billing_dispute",
  request_refund: "billing_dispute",
  Refund_not_showing_up: "billing_dispute",
  terminate_account: "cancellation",
};

/**
 * CLINC150: a charge reported as fraud is a dispute; cancelling a restaurant reservation is neither our
 * cancellation nor an ordinary question, so it is left out. Acts (below) and everything else, including the
 * out-of-scope rows ("oos"), are "other" for the intent model.
 */
export const CLINC_TO_INTENT: Record<string, Intent | null> = {
  report_fraud: "billing_dispute",
  cancel_reservation: null,
};

/**
 * CLINC150 intents that are dialogue acts. Small talk is talk about the assistant itself (its name, age, maker,
 * hobbies); asking for a joke, a fun fact or the meaning of life is a request about the world, which the
 * knowledge base cannot answer and must say so: those stay "none", like every other CLINC row.
 */
export const CLINC_TO_ACT: Record<string, DialogueAct> = {
  greeting: "greeting",
  thank_you: "thanks",
  goodbye: "goodbye",
  yes: "yes",
  no: "no",
  maybe: "small_talk",
  are_you_a_bot: "are_you_a_bot",
  what_is_your_name: "small_talk",
  how_old_are_you: "small_talk",
  who_made_you: "small_talk",
  who_do_you_work_for: "small_talk",
  where_are_you_from: "small_talk",
  what_are_your_hobbies: "small_talk",
  do_you_have_pets: "small_talk",
};

const TABLES: Record<Source, Record<string, Intent | null>> = {
  bitext: BITEXT_TO_INTENT,
  banking77: BANKING77_TO_INTENT,
  clinc150: CLINC_TO_INTENT,
};

/** Our intent for a source label; null when the label is left out of intent training and evaluation. */
export function mapIntent(source: Source, label: string): Intent | null {
  const table = TABLES[source];
  return Object.hasOwn(table, label) ? table[label] : "other";
}

/** The dialogue act of a source label, or null. Only CLINC150 labels acts. */
export function mapAct(source: Source, label: string): DialogueAct | null {
  return source === "clinc150" && Object.hasOwn(CLINC_TO_ACT, label) ? CLINC_TO_ACT[label] : null;
}
