/**
 * What a file really is, from its first bytes (magic numbers), never from its name or the type the
 * uploader claimed: a page renamed `receipt.png` is not a PNG. Text kinds (txt, csv, log) have no magic
 * number: they are valid UTF-8 without control characters, named by their extension, and never start
 * with markup (`<`), so HTML or SVG under a `.txt` name is refused too.
 */
import type { AttachmentKind } from "../../schema/attachments";

/** Bytes the sniffer wants before it decides (fewer when the file is shorter). */
export const SNIFF_BYTES = 512;

const ascii = (bytes: Uint8Array, at: number, text: string): boolean =>
  bytes.length >= at + text.length && [...text].every((ch, i) => bytes[at + i] === ch.charCodeAt(0));

const startsWith = (bytes: Uint8Array, magic: number[]): boolean =>
  bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);

/** HEIF brands of HEIC still images (ISO/IEC 23008-12) at bytes 8-11 after `ftyp`. */
const HEIC_BRANDS = ["heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1"];

function binaryKind(bytes: Uint8Array): AttachmentKind | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "jpeg";
  if (ascii(bytes, 0, "GIF87a") || ascii(bytes, 0, "GIF89a")) return "gif";
  if (ascii(bytes, 0, "RIFF") && ascii(bytes, 8, "WEBP")) return "webp";
  if (ascii(bytes, 4, "ftyp") && HEIC_BRANDS.some((brand) => ascii(bytes, 8, brand))) return "heic";
  if (ascii(bytes, 0, "%PDF-")) return "pdf";
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) return "zip";
  return null;
}

const TEXT_EXTENSIONS: Record<string, AttachmentKind> = { txt: "txt", text: "txt", csv: "csv", log: "log" };

/** UTF-8 (a cut-off character at the end is fine: it is a prefix), no NUL or other C0 control but tab, LF, FF, CR. */
function isPlainText(bytes: Uint8Array): boolean {
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes, { stream: true });
    for (const ch of text) {
      const code = ch.codePointAt(0) ?? 0;
      // Tab, LF, FF and CR are text; every other C0 control and DEL is not.
      if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0c && code !== 0x0d) || code === 0x7f)
        return false;
    }
    // Markup under a text name (HTML, SVG, XML) is what a stored-XSS upload looks like.
    return !text
      .replace(/^\uFEFF/, "")
      .trimStart()
      .startsWith("<");
  } catch {
    return false;
  }
}

/**
 * The kind of a file from its first bytes (up to SNIFF_BYTES) and its name, or null when it is none of
 * the kinds this service knows. The caller then checks the kind against the configured allowlist.
 */
export function sniffKind(head: Uint8Array, name: string): AttachmentKind | null {
  const binary = binaryKind(head);
  if (binary) return binary;
  const extension = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase();
  const textKind = extension ? TEXT_EXTENSIONS[extension] : undefined;
  return textKind && head.length > 0 && isPlainText(head) ? textKind : null;
}
