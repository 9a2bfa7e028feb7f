/**
 * The chat panel: transcript, handoff prompts, queue notice, forms and composer. A closure over the
 * panel's own state rather than a component with hooks: preact/hooks would cost ~1.1 KB gzipped of
 * the first-load budget, and locals minify where component fields do not. There is one panel per
 * page; index.tsx renders it whole (Preact diffs it) whenever the session or this state changes,
 * then calls rendered() for what follows a render.
 */
import { createRef, type VNode } from "preact";
import { LIMITS, type QuickReply } from "../../../schema/protocol";
import type { Bridge } from "../bridge";
import { needsCsat, pendingContact, pendingOffer } from "../core/prompts";
import type { Session } from "../core/session";
import { clock, startsRun } from "../core/times";
import type { AttachPart } from "../parts/attach";
import type { FormsPart } from "../parts/forms";
import type { PromptsPart } from "../parts/prompts";
import { panelStrings as t } from "../strings";
import { EntryView } from "./EntryView";
import { lazyParts, loadPart } from "./lazy";
import { Text } from "./Text";

/** Stop telling the agent "typing" after this long without a keystroke. */
const TYPING_IDLE_MS = 3000;

export interface PanelView {
  render(): VNode;
  /** After each render: read markers, the unread badge, keeping the latest entry in view. */
  rendered(): void;
  /** Moves keyboard focus into the panel (the visitor opened it). */
  focus(): void;
}

/** `redraw`: asks index.tsx for a render (coalesced), after this view's own state changed. */
export function panelView(session: Session, bridge: Bridge, redraw: () => void): PanelView {
  // This view's own state: plain locals, each change followed by redraw(). The session's is session.state.
  // The prompt (an offer, or the feedback under an answer) the customer just answered, by its entry's seq.
  let answered = -1;
  /** The email the contact details went out with; "" before. */
  let contactSent = "";
  let rated = false;
  // Entries already on screen when the panel mounted were seen before the reload.
  let seenSeq = session.state.entries.at(-1)?.seq ?? 0;
  /** What the transcript was last scrolled to the bottom for; it is again when one of them changes. */
  let scrolledFor: unknown[] = [];
  let typingTimer: ReturnType<typeof setTimeout> | undefined;
  /** The page's own `overflow`, kept while a phone-sized panel holds the page still (styles.ts). */
  let pageOverflow: string | undefined;
  const input = createRef<HTMLTextAreaElement>();
  const closeBtn = createRef<HTMLButtonElement>();
  const scroller = createRef<HTMLDivElement>();
  const part = lazyParts(bridge, redraw);
  // Files picked, pasted or dropped, until their upload (the lazy attach part) sent them or was cancelled.
  let files: File[] = [];
  const picker = createRef<HTMLInputElement>();
  const add = (list?: FileList | null) => {
    const picked = [...(list ?? [])];
    if (picked.length) {
      files = [...files, ...picked];
      redraw();
    }
  };
  /** A message's files, shown by the attach part (a placeholder while it loads). */
  const shown = (refs: unknown) =>
    Array.isArray(refs) &&
    refs.length > 0 &&
    part<AttachPart>("attach", (a) => <a.Files refs={refs} session={session} />);

  const stopTyping = () => {
    if (typingTimer) session.typing(false);
    clearTimeout(typingTimer);
    typingTimer = undefined;
  };
  const send = () => {
    const el = input.current!;
    if (!el.value.trim()) return;
    session.send(el.value);
    el.value = "";
    stopTyping();
    // What comes once the conversation is under way, ready before it is due (failing here costs nothing).
    loadPart(bridge, "prompts").catch(() => {});
  };

  function render() {
    const s = session.state;
    const { entries, status } = s;
    const offer = pendingOffer(entries, status);
    // The buttons under the latest entry (an offer has its own card): the AI's feedback, an agent's choices.
    const last = entries.at(-1);
    const quick: QuickReply[] | undefined = last?.event !== "handoff_offered" ? last?.meta?.quickReplies : undefined;
    const noAgent = pendingContact(entries);
    const expected = entries.findLast((e) => e.event === "no_agent_online")?.meta?.expectedResponse;
    const live = s.connection === "open";
    const lastCustomer = entries.findLast((e) => e.kind === "message" && e.author.role === "customer");
    // Each connection state but open and idle has its notice under the same name in the strings.
    const notice = s.createFailed
      ? t.createFailed
      : s.connection !== "open" && s.connection !== "idle" && t[s.connection];
    const who = s.typing && (s.typing.name || (s.typing.role === "ai" ? t.assistant : t.someone));
    const title = bridge.config.title || t.title;

    return (
      <div
        class="p"
        role="dialog"
        lang={bridge.config.locale}
        dir={bridge.config.locale === "ar" ? "rtl" : undefined}
        aria-label={title}
        onKeyDown={(e) => {
          if (e.key === "Escape") bridge.close();
        }}
        onDragOver={(e) => e.preventDefault()}
        onDrop={(e) => {
          e.preventDefault();
          add(e.dataTransfer?.files);
        }}
      >
        <div class="h">
          <h2>{title}</h2>
          <button ref={closeBtn} aria-label={t.close} onClick={() => bridge.close()}>
            ×
          </button>
        </div>
        {notice && (
          <div class="n" role="status">
            {notice}
          </div>
        )}
        <div class="t" ref={scroller}>
          {/* The transcript: a stored entry's body is EntryView's (EntryView.tsx, Text.tsx), a pending one's here. */}
          <ul role="log" aria-live="polite" aria-relevant="additions">
            <li class="m ai">
              <Text text={bridge.config.welcome || t.welcome} />
            </li>
            {entries.map((e, i) => [
              startsRun(e, entries[i - 1]) && (
                <li key={`t${e.seq}`} class="tm">
                  <time dateTime={new Date(e.at).toISOString()}>{clock(e.at, bridge.config.locale)}</time>
                </li>
              ),
              <EntryView key={e.seq} entry={e} base={bridge.config.origin}>
                {shown(e.meta?.attachments)}
              </EntryView>,
            ])}
            {s.outbox.map((p) => (
              <li key={p.id} class="m customer" data-pending="">
                <span class="sr">{t.you}</span>
                <Text text={p.text} />
                {shown(p.a)}
                <small>{p.error ? t.failed(p.error) : t.sending}</small>
              </li>
            ))}
          </ul>
          {!s.outbox.length && lastCustomer && lastCustomer.seq <= s.readSeq && <span class="meta">{t.read}</span>}
          {files.length > 0 &&
            part<AttachPart>("attach", (a) => (
              <a.Uploads
                files={files}
                session={session}
                done={(f) => {
                  files = files.filter((x) => x !== f);
                  redraw();
                }}
              />
            ))}
          {/* The prompts (widget-prompts.js) and the forms (widget-forms.js) are lazy parts: a first message needs neither. */}
          {quick && answered !== last!.seq && (
            <div class="row">
              {quick.map((q, i) => (
                <button
                  class={i ? "btn2" : "btn"}
                  disabled={!live}
                  onClick={() => {
                    answered = last!.seq;
                    redraw();
                    session.tap(answered, q.value);
                  }}
                >
                  {{ helped: t.helped, not_helped: t.notHelped }[q.value] ?? q.label}
                </button>
              ))}
            </div>
          )}
          {offer &&
            answered !== offer.seq &&
            part<PromptsPart>("prompts", (p) => (
              <p.Offer
                live={live}
                pick={(yes) => {
                  answered = offer.seq;
                  redraw();
                  session.replyToOffer(yes);
                }}
              />
            ))}
          {(noAgent || contactSent) &&
            part<FormsPart>("forms", (f) => (
              <f.Contact
                sent={contactSent}
                expected={expected}
                onSubmit={(d) => {
                  session.contact(d);
                  contactSent = d.email;
                  redraw();
                }}
              />
            ))}
          {needsCsat(entries, status) &&
            part<FormsPart>("forms", (f) => (
              <f.Rating
                rated={rated}
                onSubmit={(score, comment) => {
                  session.rate(score, comment);
                  rated = true;
                  redraw();
                }}
              />
            ))}
        </div>
        {status === "queued" && part<PromptsPart>("prompts", (p) => <p.Queue queue={s.queue} />)}
        {who && (
          <div class="typ" aria-live="polite">
            <span class="dots">{t.typing(who)}</span>
          </div>
        )}
        <div class="f">
          {status === "closed" ? (
            <button
              class="btn"
              onClick={() => {
                session.reset();
                rated = false;
                contactSent = "";
                redraw();
              }}
            >
              {t.newConversation}
            </button>
          ) : (
            <>
              {status === "bot" && (
                <button class="human" onClick={() => session.requestHuman()}>
                  {t.talkToHuman}
                </button>
              )}
              {/* The composer: its buttons sit beside Send, in this form. */}
              <form
                onSubmit={(e) => {
                  e.preventDefault();
                  send();
                }}
              >
                <button type="button" class="btn2" aria-label={t.attach} onClick={() => picker.current!.click()}>
                  📎
                </button>
                <input ref={picker} type="file" multiple hidden onChange={(e) => add(e.currentTarget.files)} />
                <label class="sr" for="hf-in">
                  {t.composerLabel}
                </label>
                <textarea
                  id="hf-in"
                  ref={input}
                  placeholder={t.placeholder}
                  maxLength={LIMITS.maxTextChars}
                  onKeyDown={(e) => {
                    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
                      e.preventDefault();
                      send();
                    }
                  }}
                  onPaste={(e) => add(e.clipboardData?.files)}
                  onInput={() => {
                    if (!typingTimer) session.typing(true);
                    clearTimeout(typingTimer);
                    typingTimer = setTimeout(stopTyping, TYPING_IDLE_MS);
                  }}
                />
                <button class="btn" type="submit">
                  {t.send}
                </button>
              </form>
            </>
          )}
        </div>
      </div>
    );
  }

  return {
    render,
    rendered() {
      const s = session.state;
      const { entries } = s;
      const open = bridge.isOpen();
      // Read markers and the unread badge: what arrives while the panel is open and the tab visible is read.
      if (open && document.visibilityState === "visible") {
        seenSeq = entries.at(-1)?.seq ?? 0;
        session.markRead();
      }
      bridge.setUnread(
        open
          ? 0
          : entries.filter((e) => e.seq > seenSeq && e.kind === "message" && e.author.role !== "customer").length,
      );
      // On a phone the panel is the whole screen: the page behind it must not scroll while it is open.
      const page = document.documentElement.style;
      if (open && innerWidth <= 480 && pageOverflow === undefined) {
        pageOverflow = page.overflow;
        page.overflow = "hidden";
      } else if (!open && pageOverflow !== undefined) {
        page.overflow = pageOverflow;
        pageOverflow = undefined;
      }
      const scrollFor = [entries.length, s.outbox.length, open, s.typing, s.status];
      const el = scroller.current;
      if (el && scrollFor.some((v, i) => v !== scrolledFor[i])) el.scrollTop = el.scrollHeight;
      scrolledFor = scrollFor;
    },
    focus: () => (input.current ?? closeBtn.current)?.focus(),
  };
}
