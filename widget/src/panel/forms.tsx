/**
 * The inline forms: contact details when no agent is online (under the conversation's own notice
 * saying so, which is why the form has no introduction of its own), and the satisfaction rating after
 * the conversation closed. The email is checked with the protocol's own rule (core/email.ts).
 */
import { useState } from "preact/hooks";
import { isValidEmail } from "../core/email";
import { panelStrings as t } from "../strings";

export interface ContactDetails {
  email: string;
  name?: string;
  orderNumber?: string;
}

export function ContactForm({ onSubmit }: { onSubmit: (d: ContactDetails) => void }) {
  const [error, setError] = useState("");
  return (
    <form
      class="card"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const f = e.currentTarget as HTMLFormElement;
        const val = (n: string) => (f.elements.namedItem(n) as HTMLInputElement).value.trim() || undefined;
        const details = { email: val("email") ?? "", name: val("name"), orderNumber: val("orderNumber") };
        if (!isValidEmail(details.email)) {
          setError(t.emailInvalid);
          (f.elements.namedItem("email") as HTMLInputElement).focus();
          return;
        }
        onSubmit(details);
      }}
    >
      <label>
        {t.email}
        <input
          name="email"
          type="email"
          autoComplete="email"
          required
          aria-invalid={error ? "true" : undefined}
          aria-describedby="hf-err"
        />
      </label>
      {error && (
        <p id="hf-err" class="err" role="alert">
          {error}
        </p>
      )}
      <label>
        {t.name}
        <input name="name" autoComplete="name" maxLength={120} />
      </label>
      <label>
        {t.orderNumber}
        <input name="orderNumber" maxLength={120} />
      </label>
      <div class="row">
        <button class="btn" type="submit">
          {t.submit}
        </button>
      </div>
    </form>
  );
}

export function Csat({ onSubmit }: { onSubmit: (score: number, comment?: string) => void }) {
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState("");
  return (
    <form
      class="card"
      onSubmit={(e) => {
        e.preventDefault();
        if (score) onSubmit(score, comment.trim() || undefined);
      }}
    >
      <p id="hf-csat">{t.csatQuestion}</p>
      <div class="row" role="group" aria-labelledby="hf-csat">
        {[1, 2, 3, 4, 5].map((n) => (
          <button
            type="button"
            class="btn2"
            aria-pressed={score === n}
            aria-label={t.csatScore(n)}
            onClick={() => setScore(n)}
          >
            {n}
          </button>
        ))}
      </div>
      <label>
        {t.csatComment}
        <textarea name="comment" maxLength={1000} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />
      </label>
      <div class="row">
        <button class="btn" type="submit" disabled={!score}>
          {t.submit}
        </button>
      </div>
    </form>
  );
}
