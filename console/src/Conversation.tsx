/** One open conversation: transcript, composer (reply / internal note, "/" canned responses), actions, context panel. */
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import type { Citation, TranscriptEntry } from "../../schema/protocol";
import { api, post, type Agent } from "./api";
import { EarlierConversations } from "./Earlier";
import { TrendChart } from "./Chart";
import { dateTime, sentimentInfo, time, triggerLabel } from "./format";
import { loadDraft, saveDraft } from "./storage";
import { changed, discard, refreshContext, retry, send, sendTyping, state, toast, type Conv } from "./store";

interface Canned {
  id: string;
  shortcut: string;
  title: string;
  body: string;
  team: string | null;
}
let cannedCache: Canned[] | null = null;
let teamsCache: { id: string; name: string }[] | null = null;

function Entry({ e }: { e: TranscriptEntry }) {
  const role = e.kind === "note" ? "note" : e.kind === "system" ? "system" : e.author.role;
  const who =
    e.kind === "note"
      ? `Internal note · ${e.author.name ?? "agent"}`
      : e.author.role === "ai"
        ? "AI assistant"
        : e.author.role === "customer"
          ? (e.author.name ?? "Customer")
          : e.author.role === "agent"
            ? (e.author.name ?? "Agent")
            : "System";
  if (e.kind === "system") {
    const note = e.internal?.note as string | undefined;
    return (
      <li class="entry system" data-seq={e.seq} data-event={e.event}>
        <span class="sys-text">{e.text}</span> <time>{time(e.at)}</time>
        {note ? <div class="sys-note">Note: {note}</div> : null}
      </li>
    );
  }
  const citations = (e.meta?.citations as Citation[] | undefined) ?? [];
  const confidence = e.meta?.confidence as number | undefined;
  return (
    <li class={`entry ${role}`} data-seq={e.seq} data-role={role}>
      <div class="meta">
        <strong>{who}</strong> <time dateTime={new Date(e.at).toISOString()}>{time(e.at)}</time>
        {typeof confidence === "number" ? (
          <span class={`conf-badge ${confidence < 0.35 ? "low" : ""}`}>confidence {confidence.toFixed(2)}</span>
        ) : null}
      </div>
      <div class="text">{e.text}</div>
      {citations.length ? (
        <div class="cites">
          Sources:{" "}
          {citations.map((c, i) => (
            <span key={c.id}>
              {i ? ", " : ""}
              {c.url && /^https?:\/\//.test(c.url) ? (
                <a href={c.url} target="_blank" rel="noopener noreferrer">
                  {c.title}
                </a>
              ) : (
                c.title
              )}
            </span>
          ))}
        </div>
      ) : null}
    </li>
  );
}

function ContextPanel({ conv }: { conv: Conv }) {
  const c = conv.context;
  if (!c)
    return (
      <aside class="context" aria-label="Context">
        <p class="muted">Loading context…</p>
      </aside>
    );
  const attrs = Object.entries(c.attributes ?? {});
  const form = Object.entries(c.formData ?? {}).filter(([, v]) => v);
  const lastSent = c.sentimentTrend[c.sentimentTrend.length - 1]?.sentiment;
  const s = sentimentInfo(lastSent);
  return (
    <aside class="context" aria-label="Conversation context">
      <section>
        <h3>Customer</h3>
        <dl>
          <dt>Name</dt>
          <dd>{c.customer?.name || "—"}</dd>
          <dt>Email</dt>
          <dd>{c.customer?.email || "—"}</dd>
          {c.customer?.userId ? (
            <>
              <dt>User id</dt>
              <dd>
                {c.customer.userId} {c.customer.verified ? "(verified)" : "(unverified)"}
              </dd>
            </>
          ) : null}
          {attrs.map(([k, v]) => (
            <>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </>
          ))}
        </dl>
      </section>
      {form.length ? (
        <section>
          <h3>Form data</h3>
          <dl>
            {form.map(([k, v]) => (
              <>
                <dt>{k}</dt>
                <dd>{String(v)}</dd>
              </>
            ))}
          </dl>
        </section>
      ) : null}
      <section>
        <h3>Why it was handed off</h3>
        <p>
          <span class="badge trigger">{triggerLabel(c.trigger, c.topic)}</span>{" "}
          <span class={`senti ${s.cls}`}>{s.label}</span>
        </p>
        {c.triggerReason ? <p class="reason">{c.triggerReason}</p> : null}
        <p class="muted">
          Team: {c.team ?? "—"} · Status: {c.status}
          {c.assignedAgent ? ` · Assigned: ${c.assignedAgent.name}` : ""}
        </p>
      </section>
      <section>
        <h3>AI summary</h3>
        <p class="summary">{c.summary || "No summary yet."}</p>
      </section>
      <EarlierConversations conversationId={conv.id} />
      <section>
        <h3>Confidence and sentiment</h3>
        <TrendChart
          confidence={c.confidenceHistory.map((p) => ({ seq: p.seq, value: p.confidence }))}
          sentiment={c.sentimentTrend.map((p) => ({ seq: p.seq, value: p.sentiment }))}
        />
      </section>
      <section>
        <h3>Steps the AI attempted</h3>
        {c.stepsAttempted.length ? (
          <ol class="steps">
            {c.stepsAttempted.map((st) => (
              <li key={st.seq}>
                {st.text.slice(0, 200)}
                {st.text.length > 200 ? "…" : ""}
                <div class="muted">
                  {st.confidence != null ? `confidence ${st.confidence.toFixed(2)}` : ""}
                  {st.citations.length ? ` · ${st.citations.map((x) => x.title).join(", ")}` : ""}
                </div>
              </li>
            ))}
          </ol>
        ) : (
          <p class="muted">None.</p>
        )}
      </section>
      {c.decisions.length ? (
        <section>
          <h3>Decisions</h3>
          <ul class="decisions">
            {c.decisions.map((d) => (
              <li key={d.seq}>
                <strong>{d.event.replace(/_/g, " ")}</strong>: {d.text}
                {d.internal?.reason ? <div class="muted">{String(d.internal.reason)}</div> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </aside>
  );
}

function TransferDialog({ conv, onDone }: { conv: Conv; onDone: () => void }) {
  const [target, setTarget] = useState("");
  const [note, setNote] = useState("");
  const [teams, setTeams] = useState(teamsCache ?? []);
  const [busy, setBusy] = useState(false);
  const ref = useRef<HTMLSelectElement>(null);
  useEffect(() => {
    ref.current?.focus();
    if (!teamsCache)
      api<{ teams: { id: string; name: string }[] }>("/api/teams").then((r) => setTeams((teamsCache = r.teams)));
  }, []);
  const agents = state.agents.filter((a: Agent) => a.id !== state.me?.id && !a.disabled);
  const submit = async (ev: Event) => {
    ev.preventDefault();
    if (!target) return;
    setBusy(true);
    const [kind, id] = target.split(":");
    try {
      await post(
        `/api/agent/conversations/${conv.id}/transfer`,
        kind === "agent" ? { toAgentId: id, note } : { toTeam: id, note },
      );
      toast("Transferred.");
      refreshContext(conv);
      onDone();
    } catch (e) {
      toast((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      class="dialog"
      onSubmit={submit}
      aria-label="Transfer conversation"
      onKeyDown={(e) => e.key === "Escape" && onDone()}
    >
      <h3>Transfer</h3>
      <label for={`transfer-to-${conv.id}`}>To</label>
      <select
        id={`transfer-to-${conv.id}`}
        ref={ref}
        value={target}
        onChange={(e) => setTarget((e.target as HTMLSelectElement).value)}
        required
        name="target"
      >
        <option value="">Choose an agent or team…</option>
        <optgroup label="Agents">
          {agents.map((a) => (
            <option value={`agent:${a.id}`}>
              {a.name} ({state.online.has(a.id) ? "online" : "offline"})
            </option>
          ))}
        </optgroup>
        <optgroup label="Teams">
          {teams.map((t) => (
            <option value={`team:${t.id}`}>{t.name}</option>
          ))}
        </optgroup>
      </select>
      <label>
        Note for the next agent
        <textarea
          name="note"
          rows={3}
          value={note}
          onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)}
          maxLength={2000}
        />
      </label>
      <div class="row">
        <button type="submit" class="primary" disabled={busy || !target}>
          Transfer
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export function ConversationView({ conv }: { conv: Conv }) {
  const me = state.me!;
  const [draft, setDraft] = useState(() => loadDraft(conv.id));
  const [mode, setMode] = useState<"message" | "note">("message");
  const [canned, setCanned] = useState<Canned[]>(cannedCache ?? []);
  const [pick, setPick] = useState(0);
  const [transfer, setTransfer] = useState(false);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLTextAreaElement>(null);
  const list = useRef<HTMLOListElement>(null);
  const typingAt = useRef(0);
  const idle = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    setDraft(loadDraft(conv.id));
    setTransfer(false);
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
  const mine = conv.status === "agent" && assigned?.id === me.id;
  const canClaim =
    conv.status === "queued" || conv.status === "bot" || (conv.status === "agent" && !mine && me.role === "admin");
  const canAct = mine || (me.role === "admin" && conv.status === "agent");
  const canClose = conv.status !== "closed" && conv.status !== null && (canAct || conv.status !== "agent");

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
    update(body);
    input.current?.focus();
  };
  const submit = () => {
    if (matches.length) return insertCanned(matches[Math.min(pick, matches.length - 1)]);
    if (mode === "message" && !mine) {
      toast("Claim the conversation before replying (or write an internal note).");
      return;
    }
    if (send(conv, mode, draft)) {
      setDraft("");
      saveDraft(conv.id, "");
      clearTimeout(idle.current);
      typingAt.current = 0;
      if (mode === "message") sendTyping(conv, false);
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
      else if (k === "t" && canAct) setTransfer(true);
      else if (k === "b" && canAct) act("handback");
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
            <button onClick={() => setTransfer(true)} disabled={busy || !canAct} aria-keyshortcuts="Alt+T">
              Transfer
            </button>
            <button onClick={() => act("handback")} disabled={busy || !canAct} aria-keyshortcuts="Alt+B">
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
            <Entry key={e.seq} e={e} />
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
              <div class="text">{o.text}</div>
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
            aria-keyshortcuts="Alt+R"
          />
          <button type="submit" class="primary" disabled={!draft.trim()}>
            {mode === "note" ? "Add note" : "Send"}
          </button>
        </form>
      </section>
      <ContextPanel conv={conv} />
    </div>
  );
}

export { dateTime };
