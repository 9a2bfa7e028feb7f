/** Which page the agent looks at, and the open conversation tabs (kept across reloads). */
import { save } from "../storage";
import { changed } from "./render";

export type View = "queue" | "conversation" | "search" | "tickets" | "reports" | "admin" | "help";

export const view = {
  current: "queue" as View,
  activeId: null as string | null,
  tabs: [] as string[],
};

export function go(next: View): void {
  view.current = next;
  changed();
}

export function setTabs(tabs: string[]): void {
  view.tabs = tabs;
  save("tabs", tabs);
}

/** Drops a tab; if it was the active one, the neighbour (or the queue) takes its place. */
export function removeTab(id: string): void {
  const i = view.tabs.indexOf(id);
  setTabs(view.tabs.filter((t) => t !== id));
  if (view.activeId === id) {
    view.activeId = view.tabs[Math.min(i, view.tabs.length - 1)] ?? null;
    view.current = view.activeId ? "conversation" : "queue";
  }
}

export function resetView(): void {
  view.tabs = [];
  view.activeId = null;
  view.current = "queue";
}
