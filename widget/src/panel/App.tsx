/** The chat panel: transcript, handoff prompts, queue notice, forms and composer. */
import { useEffect, useRef, useState } from "preact/hooks";
import { LIMITS } from "../../../schema/protocol";
import type { Bridge } from "../bridge";
import { answerToJudge, needsCsat, pendingContact, pendingOffer } from "../core/prompts";
import type { Session } from "../core/session";
import { panelStrings as t } from "../strings";
import type { FormsPart } from "../parts/forms";
import { EntryView } from "./EntryView";
import { Part } from "./Part";
import { Text } from "./Text";

/** Stop telling the agent "typing" after this long without a keystroke. */
const TYPING_IDLE_MS = 3000;

export interface AppProps {
  session: Session;
  bridge: Bridge;
  open: boolean;
  /** Bumped each time the panel is opened by the visitor: focus goes into the panel. */
  focusTick: number;
}

export function App({ session, bridge, open, focusTick }: AppProps) {
  const [, setTick] = useState(0);
  useEffect(() => session.subscribe(() => setTick((n) => n + 1)), [session]);
  const s = session.state;
  const { entries, status } = s;
  const lastSeq = entries.at(-1)?.seq ?? 0;

  // The prompt (an offer, or the feedback under an answer) the customer just answered, by its entry's seq.
  const [answered, setAnswered] = useState(-1);
  const [contactSent, setContactSent] = useState("");
  const [rated, setRated] = useState(false);
  // Entries already on screen when the panel mounted were seen before the reload.
  const [seenSeq, setSeenSeq] = useState(lastSeq);
  const input = useRef<HTMLTextAreaElement>(null);
  const closeBtn = useRef<HTMLButtonElement>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const typingTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    if (focusTick) (input.current ?? closeBtn.current)?.focus();
  }, [focusTick]);

  // Read markers and the unread badge: what arrives while the panel is open and the tab visible is read.
  useEffect(() => {
    if (open && document.visibilityState === "visible") {
      setSeenSeq(lastSeq);
      session.markRead();
    }
    const unread = entries.filter(
      (e) => e.seq > seenSeq && e.kind === "message" && e.author.role !== "customer",
    ).length;
    bridge.setUnread(open ? 0 : unread);
  }, [open, lastSeq, s.connection, seenSeq]);

  useEffect(() => {
    const el = scroller.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [entries.length, s.outbox.length, open, s.typing, status]);

  const offer = pendingOffer(entries, status);
  const answer = answerToJudge(entries);
  const noAgent = pendingContact(entries);
  const expected = entries.findLast((e) => e.event === "no_agent_online")?.meta?.expectedResponse;
  const live = s.connection === "open";
  const lastCustomer = entries.findLast((e) => e.kind === "message" && e.author.role === "customer");

  const stopTyping = () => {
    if (typingTimer.current) session.typing(false);
    clearTimeout(typingTimer.current);
    typingTimer.current = undefined;
  };
  const send = () => {
    const el = input.current!;
    if (!el.value.trim()) return;
    session.send(el.value);
    el.value = "";
    stopTyping();
  };

  // Each connection state but open and idle has its notice under the same name in the strings.
  const noticeText = s.createFailed
    ? t.createFailed
    : s.connection !== "open" && s.connection !== "idle" && t[s.connection];
  const notice = noticeText && (
    <div class="n" role="status">
      {noticeText}
    </div>
  );

  /** Two text buttons, the first the primary one: the offer's Yes/No, the feedback under an answer (never in a form). */
  const choice = (yes: string, no: string, pick: (yes: boolean) => void) => (
    <div class="row">
      {[yes, no].map((label, i) => (
        <button class={i ? "btn2" : "btn"} disabled={!live} onClick={() => pick(!i)}>
          {label}
        </button>
      ))}
    </div>
  );

  const who = s.typing && (s.typing.name || (s.typing.role === "ai" ? t.assistant : t.someone));

  return (
    <div
      class="p"
      role="dialog"
      lang={bridge.config.locale}
      dir={bridge.config.locale === "ar" ? "rtl" : undefined}
      aria-label={bridge.config.title || t.title}
      onKeyDown={(e) => {
        if (e.key === "Escape") bridge.close();
      }}
    >
      <div class="h">
        <h2>{bridge.config.title || t.title}</h2>
        <button ref={closeBtn} aria-label={t.close} onClick={() => bridge.close()}>
          ×
        </button>
      </div>
      {notice}
      <div class="t" ref={scroller}>
        <ul role="log" aria-live="polite" aria-relevant="additions">
          <li class="m ai">
            <Text text={bridge.config.welcome || t.welcome} />
          </li>
          {entries.map((e) => (
            <EntryView key={e.seq} entry={e} base={bridge.config.origin} />
          ))}
          {s.outbox.map((p) => (
            <li key={p.id} class="m customer" data-pending="">
              <span class="sr">{t.you}</span>
              <Text text={p.text} />
              <small>{p.error ? t.failed(p.error) : t.sending}</small>
            </li>
          ))}
        </ul>
        {!s.outbox.length && lastCustomer && lastCustomer.seq <= s.readSeq && <span class="meta">{t.read}</span>}
        {answer &&
          answered !== answer.seq &&
          choice(t.helped, t.notHelped, (helped) => (setAnswered(answer.seq), session.feedback(answer.seq, helped)))}
        {offer && answered !== offer.seq && (
          <div class="card">
            <p>{t.offerQuestion}</p>
            {choice(t.yes, t.no, (yes) => (setAnswered(offer.seq), session.replyToOffer(yes)))}
          </div>
        )}
        {/* The forms are a lazy part (widget-forms.js): a first message never needs them. */}
        {(noAgent || contactSent) && (
          <Part<FormsPart> bridge={bridge} name="forms">
            {(f) => (
              <f.Contact
                sent={contactSent}
                expected={expected}
                onSubmit={(d) => {
                  session.contact(d);
                  setContactSent(d.email);
                }}
              />
            )}
          </Part>
        )}
        {needsCsat(entries, status) && (
          <Part<FormsPart> bridge={bridge} name="forms">
            {(f) => (
              <f.Rating rated={rated} onSubmit={(score, comment) => (session.rate(score, comment), setRated(true))} />
            )}
          </Part>
        )}
      </div>
      {status === "queued" && (
        <div class="q" role="status">
          <p>
            <strong>{t.connectingPerson}</strong>
          </p>
          {s.queue && <p>{t.queuePosition(s.queue.position)}</p>}
          {s.queue?.etaSeconds != null && <p>{t.queueEta(s.queue.etaSeconds)}</p>}
        </div>
      )}
      {who && (
        <div class="typ" aria-live="polite">
          <span class="dots">{t.typing(who)}</span>
        </div>
      )}
      <div class="f">
        {status === "closed" ? (
          <button class="btn" onClick={() => (session.reset(), setRated(false), setContactSent(""))}>
            {t.newConversation}
          </button>
        ) : (
          <>
            {status === "bot" && (
              <button class="human" onClick={() => session.requestHuman()}>
                {t.talkToHuman}
              </button>
            )}
            <form
              onSubmit={(e) => {
                e.preventDefault();
                send();
              }}
            >
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
                onInput={() => {
                  if (!typingTimer.current) session.typing(true);
                  clearTimeout(typingTimer.current);
                  typingTimer.current = setTimeout(stopTyping, TYPING_IDLE_MS);
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
