/**
 * Client ids for frames the server deduplicates (messages and actions). getRandomValues rather
 * than randomUUID: the widget runs on customers' pages, and randomUUID exists only in secure contexts.
 * 20 random bytes in base-36 match the protocol's [A-Za-z0-9_-] rule.
 */
export function newClientId(): string {
  let id = "";
  for (const b of crypto.getRandomValues(new Uint8Array(20))) id += (b % 36).toString(36);
  return id;
}
