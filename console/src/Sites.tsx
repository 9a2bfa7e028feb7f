/**
 * Admin → Sites: identity verification for a site that embeds the widget, its assistant's persona (name,
 * company, tone) and its daily AI budget with today's use. The secret is write-only (the
 * server only says whether one is set); one generated here is shown once, for the site's own server.
 */
import { useState } from "preact/hooks";
import { ShownOnce } from "./admin-form";
import { api } from "./api";
import { toast } from "./state/notifications";

type PersonaTone = "friendly" | "neutral" | "formal";
const TONES: PersonaTone[] = ["friendly", "neutral", "formal"];

interface SiteView {
  site: string;
  settings: {
    requireVerification: boolean;
    identitySecretSet: boolean;
    persona?: { assistantName?: string; companyName?: string; tone?: PersonaTone };
    /** The daily AI budget (the default when the site sets none) and today's use of it (UTC day). */
    aiTurnsPerDay: number;
    aiTurnsToday: number;
    aiTurnsRefusedToday: number;
  };
}

/** 32 random bytes as hex: what the site's server and ours share to sign customer ids. */
function newSecret(): string {
  return [...crypto.getRandomValues(new Uint8Array(32))].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export function SitesAdmin() {
  const [site, setSite] = useState("demo");
  const [view, setView] = useState<SiteView | null>(null);
  const [shown, setShown] = useState<string | null>(null);

  const load = async (e?: Event) => {
    e?.preventDefault();
    setShown(null);
    try {
      setView(await api<SiteView>(`/api/sites/${encodeURIComponent(site)}`));
    } catch (err) {
      toast((err as Error).message);
    }
  };

  const save = async (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    const body: Record<string, unknown> = {
      requireVerification: form.get("requireVerification") === "on",
      aiTurnsPerDay: Number(form.get("aiTurnsPerDay")),
    };
    // Only the persona fields filled in; a site that never had a persona keeps having none.
    const persona = Object.fromEntries(
      ["assistantName", "companyName", "tone"]
        .map((name) => [name, String(form.get(name) ?? "").trim()])
        .filter(([, value]) => value),
    );
    if (Object.keys(persona).length || view!.settings.persona) body.persona = persona;
    const secret = String(form.get("identitySecret") ?? "").trim();
    if (secret) body.identitySecret = secret;
    try {
      setView(await api<SiteView>(`/api/sites/${encodeURIComponent(view!.site)}`, { method: "PUT", body }));
      setShown(secret || null);
      toast("Site saved.");
    } catch (err) {
      toast((err as Error).message);
    }
  };

  return (
    <>
      <form class="create" aria-label="Choose a site" onSubmit={load}>
        <label>
          Site id (the widget's data-site)
          <input value={site} onInput={(e) => setSite((e.currentTarget as HTMLInputElement).value)} required />
        </label>
        <button class="primary">Open</button>
      </form>
      {view ? (
        <form class="create edit" aria-label={`Site ${view.site}`} onSubmit={save} key={view.site}>
          <p>
            Identity secret: <strong>{view.settings.identitySecretSet ? "set" : "not set"}</strong>. Customers are
            verified when the site's server sends <code>userHash = hex(HMAC-SHA256(secret, userId))</code> with their
            id.
          </p>
          <label>
            New identity secret (empty: keep the current one)
            <input name="identitySecret" autocomplete="off" spellcheck={false} />
          </label>
          <button
            type="button"
            onClick={(e) => {
              const input = (e.currentTarget as HTMLButtonElement).form!.elements.namedItem(
                "identitySecret",
              ) as HTMLInputElement;
              input.value = newSecret();
            }}
          >
            Generate
          </button>
          <label class="check">
            <input type="checkbox" name="requireVerification" defaultChecked={view.settings.requireVerification} />
            Require verification (refuse customers whose id is not signed)
          </label>
          <label>
            AI turns per day (past it, a person answers)
            <input
              name="aiTurnsPerDay"
              type="number"
              min={0}
              max={10_000_000}
              step={1}
              required
              defaultValue={String(view.settings.aiTurnsPerDay)}
            />
          </label>
          <p class="muted">
            Today (UTC): {view.settings.aiTurnsToday} AI turns taken, {view.settings.aiTurnsRefusedToday} sent to a
            person.
          </p>
          <fieldset>
            <legend>The assistant's persona (its replies and the AI's prompt)</legend>
            <label>
              Assistant name (empty: "the support assistant")
              <input name="assistantName" maxLength={60} defaultValue={view.settings.persona?.assistantName ?? ""} />
            </label>
            <label>
              Company name
              <input name="companyName" maxLength={60} defaultValue={view.settings.persona?.companyName ?? ""} />
            </label>
            <label>
              Tone
              <select name="tone" defaultValue={view.settings.persona?.tone ?? ""}>
                <option value="">default (neutral)</option>
                {TONES.map((tone) => (
                  <option key={tone} value={tone}>
                    {tone}
                  </option>
                ))}
              </select>
            </label>
          </fieldset>
          <button class="primary">Save site</button>
        </form>
      ) : null}
      {shown ? (
        <ShownOnce
          title={`New identity secret for ${view?.site}`}
          value={shown}
          hint="Give it to the site's server now: it is not shown again."
        />
      ) : null}
    </>
  );
}
