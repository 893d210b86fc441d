/**
 * The signed-in session: access and refresh tokens from the `login` mutation,
 * kept in localStorage so a reload stays signed in. Listeners hear every
 * change (sign-in, refresh, sign-out), including from other tabs.
 */
export interface Session {
  accessToken: string;
  refreshToken: string;
  refreshTokenExpiresAt: string;
}

const KEY = 'ql.session';
type Listener = (session: Session | null) => void;
const listeners = new Set<Listener>();

export function getSession(): Session | null {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return null;
    const session = JSON.parse(raw) as Session;
    if (new Date(session.refreshTokenExpiresAt).getTime() <= Date.now()) {
      localStorage.removeItem(KEY);
      return null;
    }
    return session;
  } catch {
    return null;
  }
}

export function setSession(session: Session | null): void {
  if (session) localStorage.setItem(KEY, JSON.stringify(session));
  else localStorage.removeItem(KEY);
  listeners.forEach((l) => l(session));
}

export function onSessionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

window.addEventListener('storage', (event) => {
  if (event.key === KEY) listeners.forEach((l) => l(getSession()));
});
