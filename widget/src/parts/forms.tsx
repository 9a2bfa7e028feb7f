/**
 * widget-forms.js, the lazy part with the inline forms a first message never needs: contact details
 * when no agent is online (under the conversation's own notice saying so, which is why the form has
 * no introduction of its own) and the confirmation after it, and the satisfaction rating after the
 * conversation closed and the thanks after it. The email is checked with the protocol's own rule
 * (core/email.ts). What was sent is held by the panel (App.tsx), so a reload of this part loses nothing.
 * Classes, because the widget has no hooks (Kit in ../bridge.ts).
 */
import { Component } from "preact";
import { PART_GLOBAL } from "../bridge";
import { isValidEmail } from "../core/email";
import { formStrings as t } from "../strings";
import { strings } from "./kit";

// The chosen locale's strings, when it is not English (the panel hands them over with its Preact).
Object.assign(t, strings?.forms);

export interface ContactDetails {
  email: string;
  name?: string;
  orderNumber?: string;
}

/** Styles only these forms use, added to the panel's shadow root when the part loads. */
const CSS =
  ".err{color:#b00020}" +
  "label{display:flex;flex-direction:column;gap:2px;font-size:13px}" +
  "input{border:1px solid #6b6b6b;border-radius:8px;padding:7px 9px;background:#fff}" +
  ".btn2[aria-pressed=true]{background:#1a1a1a;color:#fff}";

interface ContactProps {
  /** The email the details went out with (the form gives way to a confirmation); "" before. */
  sent: string;
  /** The site's expected response time, from the no_agent_online entry. */
  expected?: unknown;
  onSubmit: (d: ContactDetails) => void;
}

class Contact extends Component<ContactProps, { error: string }> {
  state = { error: "" };

  render({ sent, expected, onSubmit }: ContactProps, { error }: { error: string }) {
    if (sent)
      return (
        <div class="card" role="status">
          <p>{t.ticketConfirmed(sent)}</p>
          {typeof expected === "string" && <p>{expected}</p>}
        </div>
      );
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
            this.setState({ error: t.emailInvalid });
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
}

interface RatingProps {
  /** The rating went out (the form gives way to a thank-you). */
  rated: boolean;
  onSubmit: (score: number, comment?: string) => void;
}

class Rating extends Component<RatingProps, { score: number; comment: string }> {
  state = { score: 0, comment: "" };

  render({ rated, onSubmit }: RatingProps, { score, comment }: { score: number; comment: string }) {
    if (rated)
      return (
        <p class="card" role="status">
          {t.csatThanks}
        </p>
      );
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
              onClick={() => this.setState({ score: n })}
            >
              {n}
            </button>
          ))}
        </div>
        <label>
          {t.csatComment}
          <textarea
            name="comment"
            maxLength={1000}
            value={comment}
            onInput={(e) => this.setState({ comment: e.currentTarget.value })}
          />
        </label>
        <div class="row">
          <button class="btn" type="submit" disabled={!score}>
            {t.submit}
          </button>
        </div>
      </form>
    );
  }
}

const forms = { css: CSS, Contact, Rating };
export type FormsPart = typeof forms;
(window as unknown as Record<string, unknown>)[`${PART_GLOBAL}forms`] = forms;
