import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { graphql } from '../gql';
import type { MeQuery } from '../gql/graphql';
import { getSession, onSessionChange, setSession, type Session } from './session';

export const MeDocument = graphql(`
  query Me {
    me {
      id
      name
      roles
      tier
      isLeading
      phone
      email
      unit {
        id
        name
      }
    }
  }
`);

const LoginDocument = graphql(`
  mutation Login($input: LoginInput!) {
    login(input: $input) {
      accessToken
      refreshToken
      refreshTokenExpiresAt
      user {
        id
        name
        roles
      }
    }
  }
`);

const LogoutDocument = graphql(`
  mutation Logout($input: RefreshTokenInput!) {
    logout(input: $input)
  }
`);

export type Me = MeQuery['me'];
export type Role = Me['roles'][number];

interface AuthState {
  session: Session | null;
  me: Me | null;
  loading: boolean;
  error: unknown;
  login(login: string, password: string): Promise<Me['roles']>;
  logout(): Promise<void>;
  hasRole(...roles: Role[]): boolean;
}

const AuthContext = createContext<AuthState | null>(null);

/** The signed-in user (the `me` query) and sign-in / sign-out for the whole app. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const client = useApolloClient();
  const [session, setCurrent] = useState<Session | null>(getSession);
  useEffect(() => onSessionChange(setCurrent), []);
  const me = useQuery(MeDocument, { skip: !session, fetchPolicy: 'cache-first' });
  const [loginMutation] = useMutation(LoginDocument);
  const [logoutMutation] = useMutation(LogoutDocument);

  // signing out (or a refused refresh) forgets everything the last user saw
  useEffect(() => {
    if (!session) void client.clearStore();
  }, [session, client]);

  const value = useMemo<AuthState>(() => {
    const user = session ? (me.data?.me ?? null) : null;
    return {
      session,
      me: user,
      loading: Boolean(session) && me.loading && !me.data,
      error: me.error,
      async login(login, password) {
        const res = await loginMutation({ variables: { input: { login, password } } });
        const payload = res.data!.login;
        await client.clearStore();
        setSession({ accessToken: payload.accessToken, refreshToken: payload.refreshToken, refreshTokenExpiresAt: String(payload.refreshTokenExpiresAt) });
        await me.refetch();
        return payload.user.roles;
      },
      async logout() {
        const current = getSession();
        if (current) await logoutMutation({ variables: { input: { refreshToken: current.refreshToken } } }).catch(() => undefined);
        setSession(null);
      },
      hasRole: (...roles) => Boolean(user?.roles.some((r) => roles.includes(r))),
    };
  }, [session, me, loginMutation, logoutMutation, client]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}
