import { describe, expect, it } from "vitest";
import { linkify, safeHref } from "../../widget/src/core/linkify";

describe("linkify", () => {
  it("turns http and https URLs into link segments and keeps the rest as text", () => {
    expect(linkify("See https://help.example.com/returns and http://a.b/c?d=1#e now")).toEqual([
      "See ",
      { href: "https://help.example.com/returns", text: "https://help.example.com/returns" },
      " and ",
      { href: "http://a.b/c?d=1#e", text: "http://a.b/c?d=1#e" },
      " now",
    ]);
  });

  it("leaves sentence punctuation outside the link", () => {
    expect(linkify("Read https://x.example/faq.")).toEqual([
      "Read ",
      { href: "https://x.example/faq", text: "https://x.example/faq" },
      ".",
    ]);
    expect(linkify("(see https://x.example/a)")).toEqual([
      "(see ",
      { href: "https://x.example/a", text: "https://x.example/a" },
      ")",
    ]);
  });

  it("keeps a parenthesis that belongs to the URL", () => {
    const url = "https://en.wikipedia.org/wiki/Lamp_(furniture)";
    expect(linkify(url)).toEqual([{ href: url, text: url }]);
  });

  it("never links other schemes, and HTML stays plain text", () => {
    const text = `javascript:alert(1) data:text/html,<b>x</b> <img src=x onerror=alert(1)> ftp://x.y`;
    expect(linkify(text)).toEqual([text]);
  });

  it("does not let quotes or angle brackets into an href", () => {
    const segs = linkify(`https://evil.example/"><script>alert(1)</script>`);
    expect(segs[0]).toEqual({ href: "https://evil.example/", text: "https://evil.example/" });
    expect(segs.slice(1).join("")).toBe(`"><script>alert(1)</script>`);
  });

  it("safeHref accepts only well-formed http(s) URLs", () => {
    expect(safeHref("https://kb.example/a b")).toBe("https://kb.example/a%20b");
    expect(safeHref("javascript:alert(1)")).toBeNull();
    expect(safeHref("JaVaScRiPt:alert(1)")).toBeNull();
    expect(safeHref("/relative")).toBeNull();
    expect(safeHref(undefined)).toBeNull();
  });

  it("safeHref resolves relative citation paths against the server origin, and still refuses other schemes", () => {
    expect(safeHref("/help/returns", "https://support.example")).toBe("https://support.example/help/returns");
    expect(safeHref("javascript:alert(1)", "https://support.example")).toBeNull();
  });
});
