// The attachment checks that need no runtime: the type from a file's first bytes, the limits read from
// the vars, the file-name cleaning and the download headers.
import { describe, expect, it } from "vitest";
import { contentDisposition, downloadHeaders } from "../../worker/attachments/download";
import { attachmentLimits } from "../../worker/attachments/limits";
import { sniffKind } from "../../worker/attachments/sniff";
import { cleanFileName } from "../../worker/attachments/upload";

const bytes = (...b: number[]) => Uint8Array.from(b);
const text = (s: string) => new TextEncoder().encode(s);

describe("sniffKind", () => {
  it("knows each binary kind by its magic number, whatever the name says", () => {
    expect(sniffKind(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0), "x.txt")).toBe("png");
    expect(sniffKind(bytes(0xff, 0xd8, 0xff, 0xe0), "photo")).toBe("jpeg");
    expect(sniffKind(text("GIF89a...."), "a.gif")).toBe("gif");
    expect(sniffKind(text("RIFF\x10\x00\x00\x00WEBPVP8 "), "a.webp")).toBe("webp");
    expect(sniffKind(text("\x00\x00\x00\x18ftypheic\x00\x00"), "IMG_1.HEIC")).toBe("heic");
    expect(sniffKind(text("%PDF-1.7\n"), "receipt")).toBe("pdf");
    expect(sniffKind(bytes(0x50, 0x4b, 0x03, 0x04, 0x14), "logs.zip")).toBe("zip");
  });

  it("takes text only as UTF-8 without controls, under a text name, never starting with markup", () => {
    expect(sniffKind(text("date,amount\n2026-12-01,10\n"), "export.CSV")).toBe("csv");
    expect(sniffKind(text("12:00 boot\n\tok\r\n"), "boot.log")).toBe("log");
    expect(sniffKind(text("caf\u00e9 ol\u00e9"), "notes.txt")).toBe("txt");
    // A multi-byte character cut off by the sniffing window is still text.
    expect(sniffKind(text("ab\u00e9").slice(0, 3), "cut.txt")).toBe("txt");
    expect(sniffKind(text("<!DOCTYPE html><p>hi"), "page.txt")).toBeNull();
    expect(sniffKind(text("\n  <svg onload=alert(1)>"), "logo.txt")).toBeNull();
    expect(sniffKind(text("plain words"), "page.html")).toBeNull();
    expect(sniffKind(text("plain words"), "no-extension")).toBeNull();
    expect(sniffKind(bytes(0x68, 0x00, 0x69), "nul.txt")).toBeNull();
    expect(sniffKind(bytes(0xc3, 0x28), "bad-utf8.txt")).toBeNull();
    expect(sniffKind(bytes(), "empty.txt")).toBeNull();
    expect(sniffKind(bytes(0x4d, 0x5a, 0x90), "setup.exe")).toBeNull();
  });
});

describe("attachmentLimits", () => {
  it("reads the vars, and falls back to the documented defaults for missing or bad values", () => {
    const set = attachmentLimits({
      ATTACHMENT_MAX_FILE_BYTES: "1000",
      ATTACHMENT_MAX_CONVERSATION_BYTES: "5000",
      ATTACHMENT_TYPES: "png, PDF,bogus",
    });
    expect(set.maxFileBytes).toBe(1000);
    expect(set.maxConversationBytes).toBe(5000);
    expect([...set.allowed]).toEqual(["png", "pdf"]);
    const fallback = attachmentLimits({ ATTACHMENT_MAX_FILE_BYTES: "-3", ATTACHMENT_TYPES: "bogus" });
    expect(fallback.maxFileBytes).toBe(10 * 1024 * 1024);
    expect(fallback.maxConversationBytes).toBe(50 * 1024 * 1024);
    expect(fallback.allowed.size).toBe(10);
  });
});

describe("file names and download headers", () => {
  it("cleans a name of paths, quotes and control characters", () => {
    expect(cleanFileName("C:\\Users\\me\\shot.png", 200)).toBe("shot.png");
    expect(cleanFileName('../../etc/"pa\u0000ss\nwd"', 200)).toBe("passwd");
    expect(cleanFileName(undefined, 200)).toBe("file");
    expect(cleanFileName("\u{1F600}".repeat(5), 3)).toBe("\u{1F600}".repeat(3));
  });

  it("renders raster images inline and everything else as a download, always nosniff and sandboxed", () => {
    expect(downloadHeaders("image/webp", "a.webp", 3).get("content-disposition")).toMatch(/^inline;/);
    for (const type of ["image/heic", "application/pdf", "text/plain", "application/zip"]) {
      const headers = downloadHeaders(type, "f", 3);
      expect(headers.get("content-disposition"), type).toMatch(/^attachment;/);
      expect(headers.get("x-content-type-options")).toBe("nosniff");
      expect(headers.get("content-security-policy")).toBe("default-src 'none'; sandbox");
    }
    expect(contentDisposition("attachment", "re\u00e7u \u00e9t\u00e9.pdf")).toBe(
      "attachment; filename=\"re_u _t_.pdf\"; filename*=UTF-8''re%C3%A7u%20%C3%A9t%C3%A9.pdf",
    );
  });
});
