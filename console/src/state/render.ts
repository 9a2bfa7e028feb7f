/**
 * The console's one re-render signal: every state module mutates its own plain object, then calls
 * changed(); the app re-renders once per microtask however many changes came in. No state library ships.
 */
const listeners = new Set<() => void>();
let scheduled = false;

export function changed(): void {
  if (scheduled) return;
  scheduled = true;
  queueMicrotask(() => {
    scheduled = false;
    for (const l of listeners) l();
  });
}

export function subscribe(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}
