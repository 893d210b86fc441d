/**
 * Who is calling: resolved once per request from the access token and the
 * database, then passed explicitly to every service method that checks access.
 */
export interface Actor {
  id: string;
  name: string;
  roles: string[];
  unitId: string;
  /** The unit path whose subtree the actor may see; "/" (everything) for people at a top-level unit. */
  scopePath: string;
  requestId?: string;
}

export function hasRole(actor: Actor, ...roles: string[]): boolean {
  return actor.roles.some((r) => roles.includes(r));
}

/** True when `path` lies in the actor's unit subtree (their own unit included). */
export function inScope(actor: Actor, path: string): boolean {
  return path.startsWith(actor.scopePath);
}

/** The actor used by command-line tools and seeds: no person, whole tree. */
export const SYSTEM_ACTOR: Actor = {
  id: '00000000-0000-0000-0000-000000000000',
  name: 'system',
  roles: ['ADMIN'],
  unitId: '',
  scopePath: '/',
};

export function isSystemActor(actor: Actor): boolean {
  return actor.id === SYSTEM_ACTOR.id;
}
