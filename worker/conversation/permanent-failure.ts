/**
 * A delivery that can never succeed, however often it is retried: the outbox (./outbox.ts) sets the
 * operation aside with its stable `code` and goes on with the next, instead of retrying it forever.
 */
export const PERMANENT_FAILURE_CODES = ["ticket_id_collision"] as const;
export type PermanentFailureCode = (typeof PERMANENT_FAILURE_CODES)[number];

export class PermanentDeliveryError extends Error {
  constructor(
    readonly code: PermanentFailureCode,
    message: string,
  ) {
    super(message);
    this.name = "PermanentDeliveryError";
  }
}
