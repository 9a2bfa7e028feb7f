/** One open conversation: transcript, composer (reply / internal note, "/" canned responses), actions, context panel. */
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { offeredActions } from "../../schema/access";
import type { CannedResponseRow } from "../../schema/api";
import type { AttachmentRef } from "../../schema/attachments";
import { api, post } from "./api";
import { AttachmentList, PendingAttachments } from "./Attachments";
import { ContextPanel } from "./ContextPanel";
import { Entry } from "./EntryView";
import { cannedButtons, SuggestReply } from "./SuggestReply";
import { dateTime } from "./format";
import { loadDraft, saveDraft } from "./storage";
import { agent } from "./state/agent";
import { uploadAttachment } from "./state/attachments";
import { type Conv, discard, refreshContext, retry, send, sendTyping } from "./state/conversations";
import { toast } from "./state/notifications";
import { changed } from "./state/render";
import { TransferDialog } from "./TransferDialog";
import { sendTranslated, TranslateToggle } from "./Translation";

type Canned = CannedResponseRow;
let cannedCache: Canned[] | null = null;

export function ConversationView({ conv }: { conv: Conv }) {
  const me = agent.me!;
  const [draft, setDraft] = useState(() => loadDraft(conv.id));
  const [mode, setMode] = useState<"message" | "note">("message");
  const [translated, setTranslated] = useState(false);
  const [canned, setCanned] = useState<Canned[]>(cannedCache ?? []);
  const [pick, setPick] = useState(0);
  const [transfer, setTransfer] = useState(false);
  const [busy, setBusy] = useState(false);
  const [files, setFiles] = useState<AttachmentRef[]>([]);
  // What the composer's text came from: an AI draft (its edit distance is recorded), a canned response's buttons.
  const [assist, setAssist] = useState<{ draft?: string; quickReplies?: string[] }>({});
  const [uploading, setUploading] = useState<string | null>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  const list = useRef<HTMLOListElement>(null);
  const typingAt = useRef(0);
  const idle = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    setDraft(loadDraft(conv.id));
    setTransfer(false);
    setFiles([]);
    setAssist({});
  }, [conv.id]);
  useEffect(() => {
    if (!cannedCache)
      api<{ cannedResponses: Canned[] }>("/api/canned-responses")
        .then((r) => setCanned((cannedCache = r.cannedResponses)))
        .catch(() => {});
  }, []);
  useEffect(() => {
    const el = list.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [conv.entries.length, conv.outbox.length, conv.id]);

  const entries = conv.entries.length ? conv.entries : (conv.context?.transcript ?? []);
  const assigned = conv.context?.assignedAgent;
  // The server's own rules (schema/access.ts): no button here that the server would refuse.
  const allowed = offeredActions(me, {
    status: conv.status,
    team: conv.context?.team ?? null,
    assignedAgentId: assigned?.id ?? null,
  });
  const mine = allowed.reply;
  const canClaim = allowed.claim;
  const canTransfer = allowed.transfer;
  const canHandBack = allowed.handback;
  const canClose = allowed.close;

  const slash =
    draft.startsWith("/") && !draft.includes(" ") && !draft.includes("\n") ? draft.slice(1).toLowerCase() : null;
  // Exact shortcut first, then shortcut prefixes, then title matches.
  const matches = useMemo(() => {
    if (slash == null) return [];
    const rank = (c: Canned) =>
      c.shortcut.toLowerCase() === slash
        ? 0
        : c.shortcut.toLowerCase().startsWith(slash)
          ? 1
          : c.title.toLowerCase().includes(slash)
            ? 2
            : 3;
    return canned
      .filter((c) => rank(c) < 3)
      .sort((a, b) => rank(a) - rank(b))
      .slice(0, 6);
  }, [slash, canned]);

  const update = (text: string) => {
    setDraft(text);
    saveDraft(conv.id, text);
    setPick(0);
    if (mode === "message" && mine) {
      const now = Date.now();
      if (now - typingAt.current > 3000) {
        typingAt.current = now;
        sendTyping(conv, true);
      }
      clearTimeout(idle.current);
      idle.current = setTimeout(() => {
        typingAt.current = 0;
        sendTyping(conv, false);
      }, 4000);
    }
  };
  const insertCanned = (c: Canned) => {
    const body = c.body
      .replace(/\{\{\s*agent\s*\}\}/g, me.name)
      .replace(/\{\{\s*customer\s*\}\}/g, conv.context?.customer?.name ?? "there");
    const { text, quickReplies } = cannedButtons(body);
    update(text);
    setAssist((a) => ({ ...a, quickReplies }));
    input.current?.focus();
  };
  const submit = async () => {
    if (matches.length) return insertCanned(matches[Math.min(pick, matches.length - 1)]);
    if (mode === "message" && !mine) {
      toast("Claim the conversation before replying (or write an internal note).");
      return;
    }
    const out =
      mode === "message" && translated
        ? sendTranslated(conv, draft, files, assist)
        : send(conv, mode, draft, files, undefined, assist);
    if (await out) {
      setDraft("");
      if (mode === "message") setAssist({});
      if (mode === "message") setFiles([]);
      saveDraft(conv.id, "");
      clearTimeout(idle.current);
      typingAt.current = 0;
      if (mode === "message") sendTyping(conv, false);
    }
  };
  const attach = async (picked: Iterable<File>) => {
    for (const file of picked) {
      setUploading(file.name);
      try {
        const ref = await uploadAttachment(conv.id, file);
        setFiles((now) => [...now, ref]);
      } catch (e) {
        toast(`${file.name}: ${(e as Error).message}`);
      } finally {
        setUploading(null);
      }
    }
  };
  const onPaste = (e: ClipboardEvent) => {
    const pasted = [...(e.clipboardData?.files ?? [])];
    if (pasted.length && mode === "message") {
      e.preventDefault();
      attach(pasted);
    }
  };
  const onKey = (e: KeyboardEvent) => {
    if (matches.length && (e.key === "ArrowDown" || e.key === "ArrowUp")) {
      e.preventDefault();
      setPick((p) => (p + (e.key === "ArrowDown" ? 1 : matches.length - 1)) % matches.length);
    } else if (matches.length && e.key === "Tab") {
      e.preventDefault();
      insertCanned(matches[pick] ?? matches[0]);
    } else if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      submit();
    }
  };

  const act = async (action: "claim" | "handback" | "close") => {
    setBusy(true);
    try {
      await post(`/api/agent/conversations/${conv.id}/${action}`);
      await refreshContext(conv);
      if (action === "claim") input.current?.focus();
    } catch (e) {
      toast((e as Error).message);
      refreshContext(conv);
    } finally {
      setBusy(false);
    }
  };

  // Conversation shortcuts (Alt+letter), registered while this view is shown.
  useEffect(() => {
    const h = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const k = e.key.toLowerCase();
      if (k === "c" && canClaim) act("claim");
      else if (k === "n") setMode((m) => (m === "note" ? "message" : "note"));
      else if (k === "t" && canTransfer) setTransfer(true);
      else if (k === "b" && canHandBack) act("handback");
      else if (k === "x" && canClose) act("close");
      else if (k === "r") input.current?.focus();
      else return;
      e.preventDefault();
    };
    addEventListener("keydown", h);
    return () => removeEventListener("keydown", h);
  });

  const c = conv.context;
  return (
    <div class="conversation">
      <section class="thread" aria-label="Transcript">
        <header class="conv-head">
          <div>
            <h2>{c?.customer?.name || c?.customer?.email || "Customer"}</h2>
            <span class="muted">
              {c?.customer?.email ?? ""} · <span class={`status st-${conv.status}`}>{conv.status ?? "…"}</span>
              {assigned ? ` · ${assigned.id === me.id ? "assigned to you" : `with ${assigned.name}`}` : ""} ·{" "}
              {conv.conn === "live" ? "live" : conv.conn === "connecting" ? "connecting…" : "offline, reconnecting…"}
            </span>
          </div>
          <div class="actions" role="toolbar" aria-label="Conversation actions">
            {canClaim ? (
              <button class="primary" onClick={() => act("claim")} disabled={busy} aria-keyshortcuts="Alt+C">
                Claim
              </button>
            ) : null}
            <button onClick={() => setTransfer(true)} disabled={busy || !canTransfer} aria-keyshortcuts="Alt+T">
              Transfer
            </button>
            <button onClick={() => act("handback")} disabled={busy || !canHandBack} aria-keyshortcuts="Alt+B">
              Hand back to AI
            </button>
            <button onClick={() => act("close")} disabled={busy || !canClose} aria-keyshortcuts="Alt+X">
              Close
            </button>
          </div>
        </header>
        {conv.notice ? (
          <div class="notice" role="status">
            {conv.notice}{" "}
            <button class="link" onClick={() => ((conv.notice = null), changed())}>
              Dismiss
            </button>
          </div>
        ) : null}
        {transfer ? <TransferDialog conv={conv} onDone={() => setTransfer(false)} /> : null}
        <ol class="transcript" ref={list} aria-live="polite" aria-relevant="additions">
          {entries.map((e) => (
            <Entry key={e.seq} e={e} conversationId={conv.id} />
          ))}
          {conv.outbox.map((o) => (
            <li
              key={o.id}
              class={`entry ${o.kind === "note" ? "note" : "agent"} pending ${o.state}`}
              data-client-id={o.id}
            >
              <div class="meta">
                <strong>{o.kind === "note" ? "Internal note · you" : me.name}</strong>{" "}
                <span>{o.state === "failed" ? `Not sent: ${o.error ?? "failed"}` : "Sending…"}</span>
              </div>
              {o.text ? <div class="text">{o.text}</div> : null}
              <AttachmentList conversationId={conv.id} files={o.attachments ?? []} />
              {o.state === "failed" ? (
                <div class="row">
                  <button onClick={() => retry(conv, o.id)}>Retry</button>
                  <button onClick={() => discard(conv, o.id)}>Discard</button>
                </div>
              ) : null}
            </li>
          ))}
        </ol>
        <div class="typing" aria-live="polite">
          {conv.typing ? `${conv.typing.name} is typing…` : ""}
        </div>
        <form
          class={`composer ${mode}`}
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <div class="modes" role="radiogroup" aria-label="Send as">
            <label>
              <input type="radio" name="mode" checked={mode === "message"} onChange={() => setMode("message")} /> Reply
              to customer
            </label>
            <label>
              <input type="radio" name="mode" checked={mode === "note"} onChange={() => setMode("note")} /> Internal
              note <kbd>Alt+N</kbd>
            </label>
          </div>
          {matches.length ? (
            <ul class="canned" role="listbox" aria-label="Canned responses">
              {matches.map((m, i) => (
                <li
                  role="option"
                  aria-selected={i === pick}
                  class={i === pick ? "sel" : ""}
                  onMouseDown={(e) => (e.preventDefault(), insertCanned(m))}
                >
                  <strong>/{m.shortcut}</strong> {m.title}
                </li>
              ))}
            </ul>
          ) : null}
          {mode === "message" && mine ? (
            <SuggestReply conversationId={conv.id} onDraft={(text) => (update(text), setAssist({ draft: text }))} />
          ) : null}
          <label class="sr-only" for={`reply-${conv.id}`}>
            {mode === "note" ? "Internal note (never sent to the customer)" : "Reply"}
          </label>
          <textarea
            id={`reply-${conv.id}`}
            ref={input}
            rows={3}
            maxLength={4000}
            value={draft}
            placeholder={
              mode === "note"
                ? "Internal note: only agents see this"
                : mine
                  ? 'Reply… ("/" for canned responses, Enter to send, Shift+Enter for a new line)'
                  : "Claim the conversation to reply, or switch to an internal note"
            }
            onInput={(e) => update((e.target as HTMLTextAreaElement).value)}
            onKeyDown={onKey}
            onPaste={onPaste}
            aria-keyshortcuts="Alt+R"
          />
          {mode === "message" ? (
            <>
              <TranslateToggle conv={conv} on={translated} setOn={setTranslated} />
              <PendingAttachments
                files={files}
                uploading={uploading}
                onRemove={(id) => setFiles((now) => now.filter((f) => f.id !== id))}
              />
              <label class="attach-button">
                Attach file
                <input
                  type="file"
                  class="sr-only"
                  multiple
                  disabled={!mine || uploading !== null}
                  onChange={(e) => {
                    const input = e.target as HTMLInputElement;
                    attach([...(input.files ?? [])]).finally(() => (input.value = ""));
                  }}
                />
              </label>
            </>
          ) : null}
          <button type="submit" class="primary" disabled={!draft.trim() && (mode === "note" || files.length === 0)}>
            {mode === "note" ? "Add note" : "Send"}
          </button>
        </form>
      </section>
      <ContextPanel conv={conv} />
    </div>
  );
}

export { dateTime };
