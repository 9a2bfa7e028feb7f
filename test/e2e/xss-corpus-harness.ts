/**
 * What the XSS corpus (xss-corpus.test.ts) drives and checks with: the hook that records script
 * execution in every frame, pages watched for hits and dialogs, the probes for elements, inline
 * handlers and links, customers over the protocol from Node, and the payloads shaped as names and
 * custom attributes. The scenario itself, in order, is the test file.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { expect } from "vitest";
import type { ServerFrame } from "../../schema/protocol";
import type { Agent } from "./harness/agent";
import { record } from "./harness/frames";
import { fitting, type Payload } from "./xss-payloads";

export type NodeWebSocket = new (url: string, init: { headers: Record<string, string> }) => WebSocket;
export const WS = WebSocket as unknown as NodeWebSocket;
export const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));
/** Under the per-socket token bucket (20 burst, 10/s) with room to spare. */
export const PACE_MS = 130;

/** Runs in every frame before any page script. Hits are kept where page code cannot easily reach them. */
export const HOOK = `(() => {
  const hits = [];
  const log = console.error.bind(console);
  const hit = (what) => { hits.push(String(what)); try { log("__XSS_HIT__ " + what); } catch {} };
  Object.defineProperty(window, "__xssHits", { value: hits, configurable: false });
  window.__xss = (id) => hit("__xss(" + (id ?? "") + ")");
  for (const k of ["alert", "confirm", "prompt", "print"]) window[k] = (...a) => hit(k + "(" + a.join(",") + ")");
})();`;

export interface Watched {
  page: Page;
  dialogs: string[];
  hitsLogged: string[];
  pageErrors: string[];
}

export const normalise = (s: string) => s.replace(/\s+/g, " ").trim();
export const stored = (p: Payload) => p.text.trim();

/** Names (<= 120 chars) and attribute values (<= 200 chars) that fit the protocol. */
export const NAMES = fitting(120);
export const ATTR_VALUES = fitting(200);
export const ATTR_CHUNKS: Payload[][] = [];
for (let i = 0; i < ATTR_VALUES.length; i += 18) ATTR_CHUNKS.push(ATTR_VALUES.slice(i, i + 18));
/** Attribute keys are rendered too (context panel <dt>); keys are at most 40 characters. */
export const KEY_PAYLOADS = [
  `"><img src=x onerror=__xss('key')>`,
  `<svg onload=__xss('key2')>`,
  `javascript:alert('key3')`,
];

export function attributesFor(chunk: Payload[], withKeys: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [i, p] of chunk.entries()) out[i === 0 ? "plan" : i === 1 ? "orderNumber" : `attr${i}`] = p.text;
  if (withKeys) for (const k of KEY_PAYLOADS.slice(0, 2)) out[k] = `key payload`;
  return out;
}

export const FORBIDDEN =
  "script,img,svg,iframe,object,embed,video,audio,source,details,summary,marquee,input,style,link,meta,base,math,template,noscript,xmp,body,form,textarea,b,frame,frameset,animate,use";

/**
 * The browser contexts, pages and sockets one run opens: every page it watches (checked again after a
 * reload) and everything close() ends.
 */
export class CorpusRig {
  readonly contexts: BrowserContext[] = [];
  readonly watched: Watched[] = [];
  readonly agents: Agent[] = [];
  readonly customers: WebSocket[] = [];

  constructor(
    private readonly browser: Browser,
    private readonly serverUrl: string,
  ) {}

  async newWatchedPage(viewport = { width: 1280, height: 900 }): Promise<Watched> {
    const context = await this.browser.newContext({ viewport });
    this.contexts.push(context);
    await context.addInitScript(HOOK);
    const page = await context.newPage();
    const w: Watched = { page, dialogs: [], hitsLogged: [], pageErrors: [] };
    page.on("dialog", (d) => {
      w.dialogs.push(`${d.type()}: ${d.message()}`);
      d.dismiss().catch(() => {});
    });
    page.on("console", (m) => {
      if (m.text().includes("__XSS_HIT__")) w.hitsLogged.push(m.text());
    });
    page.on("pageerror", (e) => w.pageErrors.push(e.message));
    this.watched.push(w);
    return w;
  }

  /** A customer over the protocol from Node (for the conversations that only need a queue card). */
  async apiCustomer(
    name: string,
    email: string,
    attributes: Record<string, string>,
  ): Promise<{ id: string; ws: WebSocket; frames: ServerFrame[] }> {
    const res = await fetch(`${this.serverUrl}/api/conversations`, {
      method: "POST",
      headers: { "content-type": "application/json", Origin: this.serverUrl },
      body: JSON.stringify({ site: "demo", customer: { name, email }, attributes }),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const { conversationId, token } = (await res.json()) as { conversationId: string; token: string };
    const ws = new WS(
      `${this.serverUrl.replace(/^http/, "ws")}/api/conversations/${conversationId}/ws?token=${encodeURIComponent(token)}`,
      { headers: { Origin: this.serverUrl } },
    );
    this.customers.push(ws);
    const frames: ServerFrame[] = [];
    await new Promise<void>((ok, fail) => {
      ws.onmessage = (ev) => {
        const f = JSON.parse(String(ev.data)) as ServerFrame;
        record(frames, f);
        if (f.type === "synced") ok();
      };
      ws.onopen = () => ws.send(JSON.stringify({ type: "hello", v: 1, lastSeq: 0 }));
      ws.onerror = () => fail(new Error("customer socket failed"));
    });
    return { id: conversationId, ws, frames };
  }

  async close(): Promise<void> {
    for (const ws of this.customers) ws.close();
    for (const a of this.agents) a.close();
    for (const c of this.contexts) await c.close().catch(() => {});
  }
}

/** Hits recorded in every frame of the page (the hook runs in iframes too). */
export async function hits(page: Page): Promise<string[]> {
  const all: string[] = [];
  for (const f of page.frames()) {
    try {
      all.push(...(await f.evaluate(() => [...((window as unknown as { __xssHits?: string[] }).__xssHits ?? [])])));
    } catch {}
  }
  return all;
}

export async function expectNoExecution(w: Watched): Promise<void> {
  expect(await hits(w.page)).toEqual([]);
  expect(w.hitsLogged).toEqual([]);
  expect(w.dialogs).toEqual([]);
  // A payload's markup that became elements would show here as frames the app never makes.
  expect(w.page.frames().length).toBe(1);
}

/** Elements anywhere (document and open shadow roots) that carry an inline event handler attribute. */
export function inlineHandlers(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const walk = (root: Document | ShadowRoot) => {
      for (const el of Array.from(root.querySelectorAll("*"))) {
        for (const a of Array.from(el.attributes))
          if (/^on/i.test(a.name)) out.push(`<${el.tagName.toLowerCase()} ${a.name}=${a.value}>`);
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(document);
    return out;
  });
}

/** Every <a> under `root` (document or the widget's shadow root): href and rel. */
export function linksUnder(
  page: Page,
  inWidget: boolean,
  selector: string,
): Promise<{ href: string | null; rel: string | null; text: string }[]> {
  return page.evaluate(
    ([inWidget, selector]) => {
      const root: ParentNode = inWidget ? document.querySelector("handoff-widget")!.shadowRoot! : document;
      return Array.from(root.querySelectorAll(selector)).map((a) => ({
        href: a.getAttribute("href"),
        rel: a.getAttribute("rel"),
        text: a.textContent ?? "",
      }));
    },
    [inWidget, selector] as const,
  );
}

export function expectSafeLinks(links: { href: string | null; rel: string | null }[]): void {
  for (const l of links) {
    expect(l.href, JSON.stringify(l)).toMatch(/^https?:\/\//i);
    expect(new URL(l.href!).protocol).toMatch(/^https?:$/);
    expect(l.rel ?? "", JSON.stringify(l)).toMatch(/\bnoopener\b/);
  }
}

export async function waitFrame(
  frames: ServerFrame[],
  pred: (f: ServerFrame) => boolean,
  ms = 15_000,
): Promise<ServerFrame> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const hit = frames.find(pred);
    if (hit) return hit;
    await sleep(50);
  }
  throw new Error(`timed out; got ${frames.map((f) => f.type).join(",")}`);
}
