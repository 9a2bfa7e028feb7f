/**
 * The fuzzer's frames (fuzz.test.ts): fast-check arbitraries for valid messages and notes, frames the
 * server must answer silently, and every kind of bad input (malformed JSON, wrong types, huge strings,
 * unknown kinds, frames forbidden for the sender's role or state, lone surrogates, invalid UTF-8 and
 * other binary frames), each with what the sender must get back.
 */
import fc from "fast-check";
import { ClientFrame, LIMITS } from "../../../schema/protocol";

/** Every client frame type the protocol knows, from its schema: the "unknown kind" cases avoid them all. */
export const KNOWN_TYPES: readonly string[] = ClientFrame.options.map((frame) => frame.entries.type.literal);

export type Role = "customer" | "agent";
/** What the sender must get back: an error, an ack (and a stored entry), or nothing. */
export type Expect = "error" | "ack" | "silent";
export interface Case {
  category: string;
  role: Role;
  expect: Expect;
  /** Built once the frame's index is known (valid entries need unique client ids). */
  build: (i: number) => { raw: string | Uint8Array; entry?: { id: string; kind: "message" | "note"; text: string } };
}

export const rawCase = (category: string, role: Role, raw: string | Uint8Array, expect: Expect = "error"): Case => ({
  category,
  role,
  expect,
  build: () => ({ raw }),
});
export const role = fc.constantFrom<Role>("customer", "agent");

// --- valid frames ---------------------------------------------------------------------------
export const validText = fc
  .oneof(
    fc.string({ minLength: 1, maxLength: 200 }),
    fc.string({ minLength: 1, maxLength: 120, unit: "grapheme" }),
    fc.constantFrom("hello", "  padded  ", "<script>alert(1)</script>", "emoji 😀 ok", "'; DROP TABLE entries; --"),
  )
  .filter((t) => t.trim().length > 0);
export const validMessage = fc.tuple(role, validText).map(
  ([r, text]): Case => ({
    category: "valid-message",
    role: r,
    expect: "ack",
    build: (i) => ({
      raw: JSON.stringify({ type: "message", id: `fz-${i}`, text }),
      entry: { id: `fz-${i}`, kind: "message", text: text.trim() },
    }),
  }),
);
export const validNote = validText.map(
  (text): Case => ({
    category: "valid-note",
    role: "agent",
    expect: "ack",
    build: (i) => ({
      raw: JSON.stringify({ type: "note", id: `fz-${i}`, text }),
      entry: { id: `fz-${i}`, kind: "note", text: text.trim() },
    }),
  }),
);
export const validSilent = fc.oneof(
  fc
    .tuple(role, fc.boolean())
    .map(([r, on]) => rawCase("valid-typing", r, JSON.stringify({ type: "typing", on }), "silent")),
  fc
    .tuple(role, fc.nat({ max: 1_000_000 }))
    .map(([r, seq]) => rawCase("valid-read", r, JSON.stringify({ type: "read", seq }), "silent")),
);

// --- bad frames -----------------------------------------------------------------------------
export const isJson = (s: string) => {
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
};
export const malformedJson = fc
  .tuple(
    role,
    fc
      .oneof(
        fc.string({ maxLength: 300 }).filter((s) => !isJson(s)),
        fc.tuple(validText, fc.nat()).map(([t, k]) => {
          const full = JSON.stringify({ type: "message", id: "x", text: t });
          return full.slice(0, k % (full.length - 1)); // truncated: never valid
        }),
        fc.constantFrom(
          "{",
          "}",
          "{type:'message'}",
          '{"type":"message",}',
          "NaN",
          "undefined",
          "\u0000",
          "",
          " ",
          '{"a":1}}',
          "[1,2",
          "'single'",
        ),
      )
      .filter((s) => !isJson(s)),
  )
  .map(([r, raw]) => rawCase("malformed-json", r, raw));

export const notAnObject = fc
  .tuple(
    role,
    fc.oneof(
      fc.constantFrom("null", "true", "0", "[]", '"message"', '[{"type":"message","id":"a","text":"b"}]'),
      fc
        .double()
        .map((d) => JSON.stringify(d))
        .filter(isJson),
    ),
  )
  .map(([r, raw]) => rawCase("not-an-object", r, raw));

export const badId = fc.oneof(
  fc.integer(),
  fc.constant(null),
  fc.constant(""),
  fc.constant("has space"),
  fc.constant("x".repeat(LIMITS.maxClientIdChars + 1)),
  fc.constant(["a"]),
  fc.constant({ id: "a" }),
  fc.constant("ok/../etc"),
  fc.constant("é"),
);
export const badText = fc.oneof(
  fc.integer(),
  fc.constant(null),
  fc.constant(true),
  fc.constant(""),
  fc.constant(" \n\t "),
  fc.constant(["hi"]),
  fc.constant({ text: "hi" }),
);
export const wrongTypes = fc
  .tuple(
    role,
    fc.oneof(
      fc.tuple(badId, validText).map(([id, text]) => ({ type: "message", id, text })),
      fc.tuple(badText).map(([text]) => ({ type: "message", id: "ok-id", text })),
      fc.constant({ type: "message", id: "no-text" }),
      fc.constant({ type: "message", text: "no id" }),
      fc.oneof(fc.integer(), fc.string({ maxLength: 5 }), fc.constant(null)).map((on) => ({ type: "typing", on })),
      fc
        .oneof(
          fc.integer({ max: -1 }),
          fc.double({ min: 0.1, max: 10, noInteger: true }),
          fc.string({ maxLength: 5 }),
          fc.constant(null),
        )
        .map((seq) => ({ type: "read", seq })),
      fc
        .oneof(fc.integer({ max: -1 }), fc.constant("0"), fc.constant(null))
        .map((lastSeq) => ({ type: "hello", v: 1, lastSeq })),
      fc.constant({ type: ["message"], id: "a", text: "b" }),
      fc.constant({ type: null }),
    ),
  )
  .map(([r, frame]) => rawCase("wrong-types", r, JSON.stringify(frame)));

export const hugeStrings = fc
  .tuple(
    role,
    fc.integer({ min: LIMITS.maxTextChars + 1, max: 60_000 }),
    fc.constantFrom("a", "é", "😀", " ", "\\u0000"),
    fc.constantFrom("message", "note", "typing"),
  )
  .map(([r, n, unit, type]) => {
    const text = unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
    // Either over maxTextChars (bad_frame) or over maxFrameChars (too_large); both are errors.
    return rawCase(
      "huge-string",
      r,
      type === "typing" ? JSON.stringify({ type, on: text }) : JSON.stringify({ type, id: "big", text: `x${text}x` }),
    );
  });

export const unknownKind = fc
  .tuple(
    role,
    fc
      .oneof(
        fc.string({ maxLength: 30 }),
        fc.constantFrom(
          "MESSAGE",
          "Message",
          "message ",
          "admin",
          "claim",
          "close",
          "__proto__",
          "constructor",
          "toString",
          "ping",
          "welcome",
          "ack",
          "error",
        ),
      )
      .filter((t) => !KNOWN_TYPES.includes(t)),
  )
  .map(([r, type]) => rawCase("unknown-kind", r, JSON.stringify({ type, id: "u1", text: "hi" })));
export const missingKind = fc
  .tuple(
    role,
    fc.constantFrom(
      "{}",
      '{"id":"a","text":"b"}',
      '{"__proto__":{"type":"message"},"id":"a","text":"b"}',
      '{"constructor":{"prototype":{"type":"message"}}}',
    ),
  )
  .map(([r, raw]) => rawCase("missing-kind", r, raw));

// Valid frames, but not for this role: forbidden.
export const forbiddenForRole = fc.oneof(
  validText.map((text) => rawCase("forbidden-for-role", "customer", JSON.stringify({ type: "note", id: "n1", text }))),
  fc
    .constantFrom(
      { type: "request_human", id: "rh" },
      { type: "offer_reply", id: "or", accept: true },
      { type: "contact", id: "ct", email: "a@example.com" },
      { type: "csat", id: "cs", score: 5 },
      { type: "identify", name: "Mallory" },
    )
    .map((frame) => rawCase("forbidden-for-role", "agent", JSON.stringify(frame))),
);
// Valid for the role but not in this state (ratings before close): invalid_state, still an error.
export const wrongState = fc
  .integer({ min: 1, max: 5 })
  .map((score) => rawCase("invalid-state", "customer", JSON.stringify({ type: "csat", id: "cs", score })));

// Lone surrogates sent raw: the socket's UTF-8 encoding turns them into U+FFFD, which no id accepts.
// JSON-escaped ones reach the parser as lone surrogates in an id, which the id pattern refuses.
export const surrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
export const loneSurrogates = fc
  .tuple(role, surrogate, fc.boolean())
  .map(([r, s, escaped]) =>
    rawCase(
      "lone-surrogate",
      r,
      escaped
        ? `{"type":"message","id":"a\\u${s.charCodeAt(0).toString(16)}","text":"x"}`
        : `{"type":"message","id":"a${s}","text":"x"}`,
    ),
  );
export const rawSurrogateJunk = fc
  .tuple(role, fc.string({ unit: "binary", minLength: 1, maxLength: 50 }))
  .map(([r, s]) => rawCase("lone-surrogate", r, `{"type":${s}`));

// Binary frames: invalid UTF-8, random bytes, even a valid frame as bytes: all refused.
export const invalidUtf8 = fc.constantFrom(
  [0xff],
  [0xc3, 0x28],
  [0xa0, 0xa1],
  [0xe2, 0x28, 0xa1],
  [0xf0, 0x28, 0x8c, 0xbc],
  [0xed, 0xa0, 0x80],
  [0xc0, 0xaf],
  [0xf8, 0x88, 0x80, 0x80, 0x80],
);
export const binaryFrames = fc
  .tuple(
    role,
    fc.oneof(
      invalidUtf8.map((b) => new Uint8Array(b)),
      fc.uint8Array({ minLength: 0, maxLength: 512 }),
      validText.map((t) => new TextEncoder().encode(JSON.stringify({ type: "message", id: "bin", text: t }))),
    ),
  )
  .map(([r, bytes]) => rawCase("binary", r, bytes));

export const frameArb: fc.Arbitrary<Case> = fc.oneof(
  { arbitrary: validMessage, weight: 20 },
  { arbitrary: validNote, weight: 4 },
  { arbitrary: validSilent, weight: 4 },
  { arbitrary: malformedJson, weight: 10 },
  { arbitrary: notAnObject, weight: 3 },
  { arbitrary: wrongTypes, weight: 12 },
  { arbitrary: hugeStrings, weight: 4 },
  { arbitrary: unknownKind, weight: 8 },
  { arbitrary: missingKind, weight: 2 },
  { arbitrary: forbiddenForRole, weight: 8 },
  { arbitrary: wrongState, weight: 2 },
  { arbitrary: loneSurrogates, weight: 5 },
  { arbitrary: rawSurrogateJunk, weight: 3 },
  { arbitrary: binaryFrames, weight: 8 },
);
