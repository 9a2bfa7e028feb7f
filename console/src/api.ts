/** REST client: same-origin cookie session + X-CSRF-Token on state changes; a 401 sends the agent to login. */
export interface Agent {
  id: string;
  name: string;
  email: string;
  role: "admin" | "agent";
  teams: string[];
  /** Languages the agent speaks (primary subtags); empty: their teams'. */
  languages?: string[];
  maxConcurrent?: number;
  status?: string;
  disabled?: boolean;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const CSRF_KEY = "handoff.console.csrf";
let csrf = sessionStorage.getItem(CSRF_KEY) ?? "";
let unauthorized: () => void = () => {};

export function setCsrf(token: string): void {
  csrf = token;
  if (token) sessionStorage.setItem(CSRF_KEY, token);
  else sessionStorage.removeItem(CSRF_KEY);
}
/** For requests that are not JSON (file uploads), which set the header themselves. */
export const csrfToken = (): string => csrf;
export function onUnauthorized(fn: () => void): void {
  unauthorized = fn;
}

export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const method = init.method ?? "GET";
  const headers: Record<string, string> = { Accept: "application/json" };
  if (init.body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET") headers["X-CSRF-Token"] = csrf;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: "same-origin",
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  } catch {
    throw new ApiError(0, "network", "The server could not be reached. Check the connection and try again.");
  }
  const data = (await res.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
  if (!res.ok) {
    if (res.status === 401 && path !== "/api/auth/login") unauthorized();
    throw new ApiError(
      res.status,
      data.error?.code ?? `http_${res.status}`,
      data.error?.message ?? `Request failed (HTTP ${res.status}).`,
    );
  }
  return data as T;
}

export const post = <T>(path: string, body?: unknown) => api<T>(path, { method: "POST", body: body ?? {} });
