// The panel's view of the lazy parts (widget/src/panel/lazy.tsx): placeholder while a part loads,
// its view once loaded (with its styles added to the shadow root), a retry after a failed load that
// loads it again. A stand-in bridge and document; the vnodes are inspected, not rendered.
import type { VNode } from "preact";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Bridge } from "../../widget/src/bridge";
import { lazyParts, loadPart } from "../../widget/src/panel/lazy";

type Props = { class?: string; role?: string; "aria-busy"?: string; children?: unknown; onClick?: () => void };

/** Every text in a vnode tree, in order. */
const texts = (node: unknown): string[] => {
  if (typeof node === "string") return [node];
  if (Array.isArray(node)) return node.flatMap(texts);
  if (node && typeof node === "object" && "props" in node) return texts((node as VNode<Props>).props.children);
  return [];
};
/** The first vnode in the tree with an onClick. */
const clickable = (node: unknown): Props | undefined => {
  if (Array.isArray(node)) return node.map(clickable).find(Boolean);
  if (!node || typeof node !== "object" || !("props" in node)) return undefined;
  const props = (node as VNode<Props>).props;
  return props.onClick ? props : clickable(props.children);
};

let styles: { textContent: string }[];
let loads: { part: string; resolve: (v: unknown) => void; reject: () => void }[];
let bridge: Bridge;

beforeEach(() => {
  styles = [];
  loads = [];
  vi.stubGlobal("document", { createElement: () => ({ textContent: "" }) });
  bridge = {
    mount: { getRootNode: () => ({ append: (s: { textContent: string }) => styles.push(s) }) },
    // Like the real loader: one pending load per part, forgotten when it fails.
    load: (part: string) => {
      const pending = loads.find((l) => l.part === part);
      if (pending) return (pending as unknown as { promise: Promise<unknown> }).promise;
      let resolve!: (v: unknown) => void;
      let reject!: () => void;
      const promise = new Promise((res, rej) => {
        resolve = res;
        reject = rej;
      });
      const entry = {
        part,
        resolve,
        reject: () => {
          loads.splice(loads.indexOf(entry), 1);
          reject();
        },
        promise,
      };
      loads.push(entry);
      return promise;
    },
  } as unknown as Bridge;
});
afterEach(() => vi.unstubAllGlobals());

const flush = () => new Promise((r) => setTimeout(r, 0));

describe("lazy parts in the panel", () => {
  it("shows a placeholder and loads the part once, then its view, with its styles added once", async () => {
    const redraw = vi.fn();
    const show = lazyParts(bridge, redraw);
    const view = (p: { word: string }) => `view:${p.word}`;
    const first = show("alpha", view) as VNode<Props>;
    expect(first.props["aria-busy"]).toBe("true");
    expect(texts(first)).toEqual(["Loading…"]);
    show("alpha", view); // a redraw while loading starts no second load
    expect(loads.map((l) => l.part)).toEqual(["alpha"]);

    loads[0].resolve({ css: ".x{}", word: "ready" });
    await flush();
    expect(redraw).toHaveBeenCalledTimes(1);
    expect(show("alpha", view)).toBe("view:ready");
    expect(styles.map((s) => s.textContent)).toEqual([".x{}"]);
    // Another view of the same part (a second panel state) needs no new load or styles.
    expect(lazyParts(bridge, vi.fn())("alpha", view)).toBe("view:ready");
    expect(styles).toHaveLength(1);
  });

  it("after a failed load shows a retry; the retry loads the part again and then shows it", async () => {
    const redraw = vi.fn();
    const show = lazyParts(bridge, redraw);
    const view = (p: { word: string }) => `view:${p.word}`;
    show("beta", view);
    loads[0].reject();
    await flush();
    expect(redraw).toHaveBeenCalledTimes(1);
    const failed = show("beta", view) as VNode<Props>;
    expect(failed.props.role).toBe("alert");
    expect(texts(failed)).toEqual(["This did not load.", "Try again"]);
    expect(loads).toHaveLength(0);

    clickable(failed)!.onClick!();
    expect(redraw).toHaveBeenCalledTimes(2);
    expect((show("beta", view) as VNode<Props>).props["aria-busy"]).toBe("true");
    expect(loads.map((l) => l.part)).toEqual(["beta"]);
    loads[0].resolve({ word: "back" });
    await flush();
    expect(show("beta", view)).toBe("view:back");
  });

  it("loadPart ahead of need makes the part show at once, and a failed one is tried again when due", async () => {
    const ahead = loadPart(bridge, "gamma");
    loads[0].reject();
    await expect(ahead).rejects.toBeUndefined();
    const show = lazyParts(bridge, vi.fn());
    show("gamma", () => "never yet");
    expect(loads.map((l) => l.part)).toEqual(["gamma"]);
    loads[0].resolve({ word: "late" });
    await flush();
    expect(show("gamma", (p: { word: string }) => p.word)).toBe("late");

    const early = loadPart(bridge, "delta");
    loads[1].resolve({ word: "early" });
    await early;
    expect(lazyParts(bridge, vi.fn())("delta", (p: { word: string }) => p.word)).toBe("early");
  });
});
