import { ApolloClient, ApolloLink, CombinedGraphQLErrors, HttpLink, InMemoryCache } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import { ErrorLink } from '@apollo/client/link/error';
import { from, switchMap } from 'rxjs';
import { getSession, setSession } from './auth/session';
import { languageHeaders } from './i18n';

const REFRESH = `mutation Refresh($input: RefreshTokenInput!) { refreshToken(input: $input) { accessToken refreshToken refreshTokenExpiresAt } }`;

/** One refresh at a time: parallel requests that all got UNAUTHENTICATED wait for the same one. */
let refreshing: Promise<boolean> | null = null;
function refreshSession(): Promise<boolean> {
  refreshing ??= (async () => {
    const session = getSession();
    if (!session) return false;
    try {
      const res = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...languageHeaders() },
        body: JSON.stringify({ query: REFRESH, variables: { input: { refreshToken: session.refreshToken } } }),
      });
      const body = (await res.json()) as { data?: { refreshToken?: { accessToken: string; refreshToken: string; refreshTokenExpiresAt: string } } };
      const next = body.data?.refreshToken;
      setSession(next ?? null);
      return Boolean(next);
    } catch {
      return false;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

/** The API words its messages in the app's language (read per request, so a switch applies at once). */
const language = new SetContextLink((prev) => ({ headers: { ...prev.headers, ...languageHeaders() } }));

const auth = new SetContextLink((prev) => {
  const session = getSession();
  return session ? { headers: { ...prev.headers, authorization: `Bearer ${session.accessToken}` } } : {};
});

/** An expired access token is refreshed once and the operation retried; a refused refresh signs out. */
const retryAfterRefresh = new ErrorLink(({ error, operation, forward }) => {
  if (!CombinedGraphQLErrors.is(error)) return;
  if (!error.errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) return;
  if (operation.operationName === 'Login' || !getSession() || operation.getContext().retried) return;
  return from(refreshSession()).pipe(
    switchMap((ok) => {
      // the auth link below reads the refreshed token; without one the request goes out signed out and fails as before
      if (!ok) setSession(null);
      operation.setContext({ retried: true });
      return forward(operation);
    }),
  );
});

export const client = new ApolloClient({
  link: ApolloLink.from([retryAfterRefresh, language, auth, new HttpLink({ uri: '/graphql' })]),
  cache: new InMemoryCache(),
  defaultOptions: { watchQuery: { fetchPolicy: 'cache-and-network' } },
});
