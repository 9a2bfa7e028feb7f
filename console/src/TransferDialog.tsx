/** Transfer a conversation to another agent or a team, with a note for whoever takes it next. */
import { useEffect, useRef, useState } from "preact/hooks";
import { type Agent, api, post } from "./api";
import { agent } from "./state/agent";
import { type Conv, refreshContext } from "./state/conversations";
import { lobby } from "./state/lobby";
import { toast } from "./state/notifications";

let teamsCache: { id: string; name: string }[] | null = null;

export function TransferDialog({ conv, onDone }: { conv: Conv; onDone: () => void }) {
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
  const agents = agent.agents.filter((a: Agent) => a.id !== agent.me?.id && !a.disabled);
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
              {a.name} ({lobby.online.has(a.id) ? "online" : "offline"})
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
