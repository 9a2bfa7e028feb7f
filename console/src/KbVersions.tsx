/**
 * An article's versions in other languages (Admin → Knowledge base): the AI answers a customer from the version
 * in their language and cites it (PUT/DELETE /api/kb/articles/:id/versions/:language, admins only).
 */
import { useState } from "preact/hooks";
import { api } from "./api";
import { useList } from "./admin-table";
import { languageName } from "./Language";
import { agent } from "./state/agent";
import { toast } from "./state/notifications";

/** The languages an article can have a version in (the English original is the article itself). */
const VERSION_LANGUAGES = ["es", "fr", "de", "pt", "it", "nl", "ja", "ar"];

interface Version {
  language: string;
  title: string;
  body: string;
  url: string | null;
}

/** Collapsed until opened: the versions are fetched, and the form built, only for the article an admin opens. */
export function ArticleVersions({ articleId }: { articleId: string }) {
  const [open, setOpen] = useState(false);
  return (
    <details class="kb-versions" onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary>Other languages</summary>
      {open ? <VersionsEditor articleId={articleId} /> : null}
    </details>
  );
}

function VersionsEditor({ articleId }: { articleId: string }) {
  const path = `/api/kb/articles/${encodeURIComponent(articleId)}/versions`;
  const [versions, reload] = useList<Version>(path, "versions");
  const [editing, setEditing] = useState<Version | null>(null);
  const admin = agent.me?.role === "admin";
  const save = (form: HTMLFormElement) => {
    const data = new FormData(form);
    const language = String(data.get("language"));
    const url = String(data.get("url") ?? "").trim();
    const body = { title: String(data.get("title")), body: String(data.get("body")), url: url || null };
    api(`${path}/${language}`, { method: "PUT", body }).then(
      () => {
        setEditing(null);
        reload();
      },
      (e: Error) => toast(e.message),
    );
  };
  const remove = (language: string) =>
    api(`${path}/${language}`, { method: "DELETE" }).then(reload, (e: Error) => toast(e.message));
  return (
    <>
      <p class="muted">
        English (the article itself)
        {versions?.length ? `, ${versions.map((v) => languageName(v.language)).join(", ")}` : ""}
      </p>
      <ul>
        {(versions ?? []).map((v) => (
          <li key={v.language} lang={v.language}>
            <strong>{languageName(v.language)}</strong>: {v.title}{" "}
            {admin ? (
              <>
                <button type="button" onClick={() => setEditing(v)}>
                  Edit
                </button>{" "}
                <button type="button" onClick={() => remove(v.language)}>
                  Delete
                </button>
              </>
            ) : null}
          </li>
        ))}
      </ul>
      {admin ? (
        <form
          key={editing?.language ?? "new"}
          aria-label="Article version"
          onSubmit={(e) => {
            e.preventDefault();
            save(e.currentTarget);
          }}
        >
          <label>
            Language{" "}
            <select name="language" value={editing?.language} disabled={!!editing}>
              {VERSION_LANGUAGES.map((l) => (
                <option value={l}>{languageName(l)}</option>
              ))}
            </select>
            {editing ? <input type="hidden" name="language" value={editing.language} /> : null}
          </label>
          <label>
            Title <input name="title" required maxLength={200} value={editing?.title} />
          </label>
          <label>
            Body <textarea name="body" required rows={4} value={editing?.body} />
          </label>
          <label>
            URL (optional) <input name="url" value={editing?.url ?? ""} />
          </label>
          <button type="submit">{editing ? `Save ${languageName(editing.language)} version` : "Add version"}</button>
          {editing ? (
            <button type="button" onClick={() => setEditing(null)}>
              Cancel
            </button>
          ) : null}
        </form>
      ) : null}
    </>
  );
}
