// The lazy-part loader (widget/src/core/parts.ts) the launcher uses for widget-panel.js and the panel
// for widget-<part>.js, over a stand-in document whose script elements load or fail on command.
import { describe, expect, it } from "vitest";
import { PART_GLOBAL } from "../../widget/src/bridge";
import { partLoader } from "../../widget/src/core/parts";

interface FakeScript {
  src: string;
  async: boolean;
  removed: boolean;
  onload: (() => void) | null;
  onerror: (() => void) | null;
  remove(): void;
}

function fakePage() {
  const appended: FakeScript[] = [];
  const globals: Record<string, unknown> = {};
  const doc = {
    createElement: () =>
      ({
        src: "",
        async: false,
        removed: false,
        onload: null,
        onerror: null,
        remove() {
          this.removed = true;
        },
      }) as FakeScript,
    head: { append: (s: FakeScript) => appended.push(s) },
  };
  const load = partLoader(
    "https://support.example/static/v2/widget.js?x=1",
    doc as unknown as Parameters<typeof partLoader>[1],
    globals,
  );
  /** The script runs: it registers `value` (unless undefined) and its load event fires. */
  const run = (s: FakeScript, part: string, value?: unknown) => {
    if (value !== undefined) globals[PART_GLOBAL + part] = value;
    s.onload?.();
  };
  return { appended, globals, load, run };
}

describe("lazy part loader", () => {
  it("loads widget-<part>.js from beside widget.js, async, and resolves with what the script registered", async () => {
    const page = fakePage();
    const loading = page.load<{ hello: string }>("forms");
    expect(page.appended).toHaveLength(1);
    expect(page.appended[0].src).toBe("https://support.example/static/v2/widget-forms.js");
    expect(page.appended[0].async).toBe(true);
    page.run(page.appended[0], "forms", { hello: "forms" });
    await expect(loading).resolves.toEqual({ hello: "forms" });
    // The private global is gone from the customer's page once read.
    expect(`${PART_GLOBAL}forms` in page.globals).toBe(false);
  });

  it("loads each part once: a second call, during or after the load, gets the same result without a new script", async () => {
    const page = fakePage();
    const first = page.load("panel");
    const during = page.load("panel");
    page.run(page.appended[0], "panel", "mount");
    const after = page.load("panel");
    expect(await Promise.all([first, during, after])).toEqual(["mount", "mount", "mount"]);
    expect(page.appended).toHaveLength(1);
  });

  it("a script that fails to load rejects, is removed, and the next call tries again with a new script", async () => {
    const page = fakePage();
    const failed = page.load("forms");
    page.appended[0].onerror?.();
    await expect(failed).rejects.toThrow("widget-forms.js did not load");
    expect(page.appended[0].removed).toBe(true);

    const retried = page.load("forms");
    expect(page.appended).toHaveLength(2);
    page.run(page.appended[1], "forms", { ok: true });
    await expect(retried).resolves.toEqual({ ok: true });
  });

  it("a script that loads but registers nothing (a proxy's error page, a stale file) counts as failed", async () => {
    const page = fakePage();
    const empty = page.load("forms");
    page.run(page.appended[0], "forms");
    await expect(empty).rejects.toThrow();
    expect(page.appended[0].removed).toBe(true);
    const retried = page.load("forms");
    page.run(page.appended[1], "forms", 42);
    await expect(retried).resolves.toBe(42);
  });

  it("parts load independently: one failing leaves the other's result alone", async () => {
    const page = fakePage();
    const panel = page.load("panel");
    const forms = page.load("forms");
    page.appended[1].onerror?.();
    page.run(page.appended[0], "panel", "mount");
    await expect(panel).resolves.toBe("mount");
    await expect(forms).rejects.toThrow();
    expect(await page.load("panel")).toBe("mount");
    expect(page.appended).toHaveLength(2);
  });
});
