/** localStorage helpers: drafts and the outbox survive reloads, reconnects and session expiry. */
const P = "handoff.console.";

export function load<T>(key: string, fallback: T): T {
  try {
    const raw = localStorage.getItem(P + key);
    return raw == null ? fallback : (JSON.parse(raw) as T);
  } catch {
    return fallback;
  }
}
export function save(key: string, value: unknown): void {
  try {
    if (value == null || value === "" || (Array.isArray(value) && value.length === 0)) localStorage.removeItem(P + key);
    else localStorage.setItem(P + key, JSON.stringify(value));
  } catch {
    /* storage full or disabled: the draft still lives in memory */
  }
}

export const loadDraft = (id: string) => load<string>(`draft.${id}`, "");
export const saveDraft = (id: string, text: string) => save(`draft.${id}`, text);

let n = 0;
/** Client ids for the protocol's ack/dedupe ([A-Za-z0-9_-], at most 64 chars). */
export function clientId(prefix = "c"): string {
  const rand = Array.from(crypto.getRandomValues(new Uint8Array(6)), (b) => b.toString(16).padStart(2, "0")).join("");
  return `${prefix}-${Date.now().toString(36)}-${(n++).toString(36)}-${rand}`;
}
