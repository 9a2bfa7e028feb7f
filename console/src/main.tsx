/** The agent console: login, then the shell (queue, open conversation tabs, search, admin). */
import { render } from "preact";
import { useEffect, useReducer, useRef, useState } from "preact/hooks";
import { api, type ApiError, onUnauthorized, post, setCsrf, type Agent } from "./api";
import { ConversationView } from "./Conversation";
import { QueueView } from "./Queue";
import { ReportsView } from "./Reports";
import { SearchView } from "./Search";
import { TicketsView } from "./Tickets";
import { agent } from "./state/agent";
import { closeTab, convs, focusConversation } from "./state/conversations";
import { lobby, setPresence } from "./state/lobby";
import { notifications, setSound } from "./state/notifications";
import { changed, subscribe } from "./state/render";
import { endSession, startSession } from "./state/session";
import { go, view } from "./state/view";
import "./styles.css";

onUnauthorized(() => {
  if (!agent.me) return;
  endSession();
  expired = true;
  changed();
});
let expired = false;

/**
 * The admin pages load on first use (a separate chunk): most agents never open them, and they are a fifth
 * of the console's code.
 */
function LazyAdmin() {
  const [View, setView] = useState<(() => preact.JSX.Element) | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    import("./Admin").then(
      (m) => setView(() => m.AdminView),
      () => setFailed(true),
    );
  }, []);
  if (failed) return <p class="muted">The admin pages could not be loaded. Check the connection and reload.</p>;
  return View ? <View /> : <p class="muted">Loading…</p>;
}

function Login({ onDone }: { onDone: (a: Agent) => void }) {
  const [error, setError] = useState(expired ? "Your session ended. Sign in again; your drafts are kept." : "");
  const [busy, setBusy] = useState(false);
  const email = useRef<HTMLInputElement>(null);
  useEffect(() => email.current?.focus(), []);
  return (
    <main class="login">
      <form
        aria-labelledby="login-h"
        onSubmit={async (e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget as HTMLFormElement);
          setBusy(true);
          setError("");
          try {
            const r = await post<{ agent: Agent; csrfToken: string }>("/api/auth/login", {
              email: f.get("email"),
              password: f.get("password"),
            });
            setCsrf(r.csrfToken);
            expired = false;
            onDone(r.agent);
          } catch (err) {
            setError((err as ApiError).message);
          } finally {
            setBusy(false);
          }
        }}
      >
        <h1 id="login-h">Handoff console</h1>
        <label>
          Email
          <input ref={email} name="email" type="email" autoComplete="username" required />
        </label>
        <label>
          Password
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        {error ? (
          <p class="error" role="alert">
            {error}
          </p>
        ) : null}
        <button class="primary" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </form>
    </main>
  );
}

function Shell() {
  const me = agent.me!;
  const active = view.activeId ? convs.get(view.activeId) : undefined;
  const unread = view.tabs.reduce((n, id) => n + (convs.get(id)?.unread ?? 0), 0);
  useEffect(() => {
    document.title = `${lobby.queue.length ? `(${lobby.queue.length}) ` : ""}${unread ? `${unread} unread · ` : ""}Handoff console`;
  });
  useEffect(() => {
    const h = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const k = e.key.toLowerCase();
      if (k === "q") go("queue");
      else if (k === "s") go("search");
      else if (k === "k") go("tickets");
      else if (k === "a") setPresence(lobby.presence === "online" ? "away" : "online");
      else if (k === "w" && view.current === "conversation" && view.activeId) closeTab(view.activeId);
      else if (/^[1-9]$/.test(k) && view.tabs[Number(k) - 1]) focusConversation(view.tabs[Number(k) - 1]);
      else if (k === "/" || k === "h") go("help");
      else return;
      e.preventDefault();
    };
    addEventListener("keydown", h);
    return () => removeEventListener("keydown", h);
  }, []);
  return (
    <div class="shell">
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <strong class="brand">Handoff</strong>
        <nav aria-label="Views" class="views">
          <button
            aria-current={view.current === "queue" ? "page" : undefined}
            onClick={() => go("queue")}
            aria-keyshortcuts="Alt+Q"
          >
            Queue <span class="count">{lobby.queue.length}</span>
          </button>
          <button
            aria-current={view.current === "search" ? "page" : undefined}
            onClick={() => go("search")}
            aria-keyshortcuts="Alt+S"
          >
            Search
          </button>
          <button
            aria-current={view.current === "tickets" ? "page" : undefined}
            onClick={() => go("tickets")}
            aria-keyshortcuts="Alt+K"
          >
            Tickets
          </button>
          <button aria-current={view.current === "reports" ? "page" : undefined} onClick={() => go("reports")}>
            Reports
          </button>
          <button aria-current={view.current === "admin" ? "page" : undefined} onClick={() => go("admin")}>
            Admin
          </button>
          <button
            aria-current={view.current === "help" ? "page" : undefined}
            onClick={() => go("help")}
            aria-keyshortcuts="Alt+H"
          >
            Shortcuts
          </button>
        </nav>
        <div class="me">
          <label>
            <span class="sr-only">Your status</span>
            <select
              value={lobby.presence}
              onChange={(e) => setPresence((e.target as HTMLSelectElement).value as "online" | "away")}
              class={`presence ${lobby.presence}`}
              aria-keyshortcuts="Alt+A"
            >
              <option value="online">● Online</option>
              <option value="away">○ Away</option>
            </select>
          </label>
          <label class="sound">
            <input
              type="checkbox"
              checked={notifications.sound}
              onChange={(e) => setSound((e.target as HTMLInputElement).checked)}
            />{" "}
            Sound
          </label>
          <span class="who" title={me.email}>
            {me.name}
          </span>
          <button
            onClick={async () => {
              await post("/api/auth/logout").catch(() => {});
              setCsrf("");
              endSession();
            }}
          >
            Sign out
          </button>
        </div>
      </header>
      {view.tabs.length ? (
        <nav class="tabs" aria-label="Open conversations">
          {view.tabs.map((id, i) => {
            const c = convs.get(id);
            const name = c?.context?.customer?.name || c?.context?.customer?.email || `Conversation ${id.slice(0, 6)}`;
            const on = view.current === "conversation" && view.activeId === id;
            return (
              <span class={`tab ${on ? "on" : ""}`} key={id}>
                <button
                  aria-current={on ? "page" : undefined}
                  onClick={() => focusConversation(id)}
                  title={`Alt+${i + 1}`}
                  data-tab={id}
                >
                  {name}
                  {c?.unread ? (
                    <span class="unread" aria-label={`${c.unread} unread`}>
                      {c.unread}
                    </span>
                  ) : null}
                  {c?.status ? <span class={`st st-${c.status}`}>{c.status}</span> : null}
                </button>
                <button class="x" aria-label={`Close tab ${name}`} onClick={() => closeTab(id)}>
                  ×
                </button>
              </span>
            );
          })}
        </nav>
      ) : null}
      <main id="main" tabIndex={-1}>
        {view.current === "queue" ? <QueueView /> : null}
        {view.current === "search" ? <SearchView /> : null}
        {view.current === "admin" ? <LazyAdmin /> : null}
        {view.current === "tickets" ? <TicketsView /> : null}
        {view.current === "reports" ? <ReportsView /> : null}
        {view.current === "help" ? <Help /> : null}
        {view.current === "conversation" && active ? <ConversationView conv={active} /> : null}
        {view.current === "conversation" && !active ? <p class="muted">No conversation open.</p> : null}
      </main>
      <div class="toasts" role="status" aria-live="polite">
        {notifications.toasts.map((t) => (
          <div class="toast" key={t.id}>
            {t.text}
          </div>
        ))}
      </div>
    </div>
  );
}

function Help() {
  const rows: [string, string][] = [
    ["Alt+Q", "Queue"],
    ["Alt+S", "Search"],
    ["Alt+K", "Tickets"],
    ["Alt+1…9", "Switch to open conversation tab"],
    ["Alt+W", "Close the current tab"],
    ["Alt+A", "Toggle online / away"],
    ["Alt+C", "Claim"],
    ["Alt+R", "Focus the reply box"],
    ["Alt+N", "Toggle reply / internal note"],
    ["/ in the reply box", "Canned responses (↑↓ to choose, Tab or Enter to insert)"],
    ["Enter / Shift+Enter", "Send / new line"],
    ["Alt+T", "Transfer"],
    ["Alt+B", "Hand back to the AI"],
    ["Alt+X", "Close the conversation"],
  ];
  return (
    <section aria-labelledby="help-h">
      <h2 id="help-h">Keyboard shortcuts</h2>
      <table>
        <tbody>
          {rows.map(([k, d]) => (
            <tr>
              <th scope="row">
                <kbd>{k}</kbd>
              </th>
              <td>{d}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function App() {
  const [, tick] = useReducer((n: number, _: number) => n + 1, 0);
  const [checking, setChecking] = useState(true);
  useEffect(() => subscribe(() => tick(0)), []);
  useEffect(() => {
    // A reload keeps the cookie: /me restores the agent and the CSRF token.
    api<{ agent: Agent; csrfToken: string }>("/api/auth/me")
      .then((r) => {
        setCsrf(r.csrfToken);
        startSession(r.agent);
      })
      .catch(() => {})
      .finally(() => setChecking(false));
  }, []);
  if (checking) return <p class="muted center">Loading…</p>;
  if (!agent.me) return <Login onDone={startSession} />;
  return <Shell />;
}

render(<App />, document.getElementById("app")!);
