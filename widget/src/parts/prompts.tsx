/**
 * widget-prompts.js, the lazy part with what only comes once a conversation is under way: the AI's
 * offer of a person (Yes / No) and the queue notice while waiting for one. (The buttons under an answer
 * are quick replies the server sends in the entry, drawn by the panel itself.) Which is due is the panel's call (core/prompts.ts in
 * App.tsx), and the panel fetches this part as soon as the first message goes out.
 */
import type { QueueInfo } from "../../../schema/protocol";
import { PART_GLOBAL } from "../bridge";
import { promptStrings as t } from "../strings";
import { strings } from "./kit";

// The chosen locale's strings, when it is not English (the panel hands them over with its Preact).
Object.assign(t, strings?.prompts);

const CSS =
  ".q{padding:10px 14px;background:#eef3fc;color:#1a1a1a;font-size:14px;border-top:1px solid #d6d9dc}.q p{margin:0}";

interface ChoiceProps {
  /** Not connected: the buttons wait, disabled, rather than queue an answer to a stale prompt. */
  live: boolean;
  pick: (yes: boolean) => void;
}

/** Two text buttons, the first the primary one (never in a form). */
function Choice({ yes, no, live, pick }: ChoiceProps & { yes: string; no: string }) {
  return (
    <div class="row">
      {[yes, no].map((label, i) => (
        <button class={i ? "btn2" : "btn"} disabled={!live} onClick={() => pick(!i)}>
          {label}
        </button>
      ))}
    </div>
  );
}

const Offer = (props: ChoiceProps) => (
  <div class="card">
    <p>{t.offerQuestion}</p>
    <Choice yes={t.yes} no={t.no} {...props} />
  </div>
);

/** `queue`: the place in line and estimated wait, once the server has sent them. */
const Queue = ({ queue }: { queue: QueueInfo | null }) => (
  <div class="q" role="status">
    <p>
      <strong>{t.connectingPerson}</strong>
    </p>
    {queue && <p>{t.queuePosition(queue.position)}</p>}
    {queue?.etaSeconds != null && <p>{t.queueEta(queue.etaSeconds)}</p>}
  </div>
);

const prompts = { css: CSS, Offer, Queue };
export type PromptsPart = typeof prompts;
(window as unknown as Record<string, unknown>)[`${PART_GLOBAL}prompts`] = prompts;
