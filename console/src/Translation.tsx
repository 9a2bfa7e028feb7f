/**
 * Translation for the agent (POST /api/agent/translation, Workers AI's m2m100 in production): a customer
 * message in a language the agent does not speak can be translated under the original, and a reply can be
 * sent translated into the customer's language (the transcript keeps what the agent wrote). A deployment
 * without the AI binding (local mode) cannot translate: the console says so and offers nothing that pretends.
 */
import { useEffect, useState } from "preact/hooks";
import type { TranscriptEntry } from "../../schema/protocol";
import type { AttachmentRef } from "../../schema/attachments";
import { api, type ApiError, post } from "./api";
import { agentLanguage, agentSpeaks, languageName } from "./Language";
import { type Conv, type OutItem, send } from "./state/conversations";
import { toast } from "./state/notifications";

interface Status {
  available: boolean;
  model: string;
}
interface Translated {
  translation: string;
  from: string;
  to: string;
  model: string;
}

let status: Promise<Status> | undefined;
/** Asked once per page: whether this deployment can translate. */
const translationStatus = () =>
  (status ??= api<Status>("/api/agent/translation").catch(() => ({ available: false, model: "" })));

function useStatus(): Status | null {
  const [s, setS] = useState<Status | null>(null);
  useEffect(() => {
    translationStatus().then(setS);
  }, []);
  return s;
}

const translate = (text: string, from: string, to: string) =>
  post<Translated>("/api/agent/translation", { text, from, to });

const UNAVAILABLE = "Translation unavailable: this deployment has no translation model (local mode, no Workers AI).";

/** Under a customer message the agent may not read: a Translate button and the translation. */
export function EntryTranslation({ e }: { e: TranscriptEntry }) {
  const original = e.internal?.original as { text: string; language: string } | undefined;
  const language = e.meta?.language as string | undefined;
  const s = useStatus();
  const [shown, setShown] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (original)
    return (
      <div class="translation sent">
        Sent translated. You wrote ({languageName(original.language)}): <q>{original.text}</q>
      </div>
    );
  if (e.author.role !== "customer" || !language || agentSpeaks(language)) return null;
  if (shown !== null)
    return (
      <div class="translation" lang={agentLanguage()}>
        Translation from {languageName(language)}: {shown}
      </div>
    );
  if (!s?.available) return s ? <div class="translation muted">{UNAVAILABLE}</div> : null;
  return (
    <button
      class="link translate"
      disabled={busy}
      onClick={() => {
        setBusy(true);
        translate(e.text, language, agentLanguage())
          .then((t) => setShown(t.translation))
          .catch((err: ApiError) => toast(`Translation failed: ${err.message}`))
          .finally(() => setBusy(false));
      }}
    >
      Translate from {languageName(language)}
    </button>
  );
}

/** The composer's "send in the customer's language" switch; absent when the customer speaks the agent's language. */
export function TranslateToggle({ conv, on, setOn }: { conv: Conv; on: boolean; setOn: (on: boolean) => void }) {
  const s = useStatus();
  const language = conv.context?.language;
  if (!language || agentSpeaks(language)) return null;
  if (s && !s.available) return <p class="translation muted">{UNAVAILABLE}</p>;
  return (
    <label class="translate-toggle">
      <input
        type="checkbox"
        checked={on}
        disabled={!s}
        onChange={(e) => setOn((e.target as HTMLInputElement).checked)}
      />{" "}
      Send translated into {languageName(language)}
    </label>
  );
}

/** Translates the draft into the customer's language and sends it, the draft kept as the original. */
export async function sendTranslated(
  conv: Conv,
  draft: string,
  files: AttachmentRef[],
  assist?: OutItem["assist"],
): Promise<boolean> {
  const to = conv.context?.language;
  const text = draft.trim();
  if (!to || !text) return send(conv, "message", draft, files, undefined, assist);
  try {
    const from = agentLanguage();
    const t = await translate(text, from, to);
    return send(conv, "message", t.translation, files, { text, language: from, model: t.model }, assist);
  } catch (err) {
    toast(`Not sent: the translation failed (${(err as Error).message}). Your draft is kept.`);
    return false;
  }
}
