/**
 * Admin → Teams: whether teams only route work ("skills") or also bound what an agent may open
 * ("boundaries", admins bypass them). GET/PUT /api/settings/access; the rule is schema/access.ts.
 */
import { useEffect, useState } from "preact/hooks";
import type { TeamMode } from "../../schema/access";
import { api } from "./api";
import { toast } from "./state/notifications";

interface AccessView {
  access: { teams: TeamMode };
  defaults: { teams: TeamMode };
}

const LABELS: Record<TeamMode, string> = {
  skills: "Skills only: any agent may open any conversation or ticket",
  boundaries: "Boundaries: agents open only their teams' work (admins open everything)",
};

export function TeamAccess() {
  const [view, setView] = useState<AccessView | null>(null);
  useEffect(() => {
    api<AccessView>("/api/settings/access").then(setView, (e) => toast(e.message));
  }, []);
  if (!view) return null;
  const choose = (teams: TeamMode) =>
    api<AccessView>("/api/settings/access", { method: "PUT", body: { teams } }).then(
      (next) => {
        setView(next);
        toast("Team access saved.");
      },
      (e) => toast(e.message),
    );
  return (
    <fieldset class="settings">
      <legend>What teams mean for access</legend>
      {(Object.keys(LABELS) as TeamMode[]).map((mode) => (
        <label class="check" key={mode}>
          <input type="radio" name="teamMode" checked={view.access.teams === mode} onChange={() => choose(mode)} />
          {LABELS[mode]}
          {view.defaults.teams === mode ? " (default)" : ""}
        </label>
      ))}
    </fieldset>
  );
}
