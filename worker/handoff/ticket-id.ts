/**
 * A ticket's id, derived from its handoff's id (a random UUID v4) so the pure machine names it and a
 * retried transition names the same one: `T-` and 96 of the UUID's random bits as 24 hex digits in
 * three groups of eight, e.g. `T-3F2A9C1E-7B4DE8A9-F0123456`. The first group is the id's short form
 * that people read out; the UUID's version nibble (always 4) is skipped.
 */
export const TICKET_ID_PATTERN = /^T-[0-9A-F]{8}-[0-9A-F]{8}-[0-9A-F]{8}$/;

export function ticketIdFor(handoffId: string): string {
  const hex = handoffId.replace(/-/g, "").toUpperCase();
  // Skip the version nibble (hex[12]); the 24 digits after it hold 94+ random bits, the 12 before 48.
  const random = (hex.slice(0, 12) + hex.slice(13)).slice(0, 24);
  return `T-${random.slice(0, 8)}-${random.slice(8, 16)}-${random.slice(16, 24)}`;
}
