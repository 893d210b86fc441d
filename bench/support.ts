/** Small helpers shared by the benchmarks. */
import { JwtService } from '@nestjs/jwt';
import { readFileSync } from 'node:fs';
import net from 'node:net';

/** The p-th percentile of an ascending list (nearest rank). */
export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resident memory of a process in MB, from /proc. */
export const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

/** A TCP port free at the moment of asking. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Waits until `url` answers 2xx, or fails with `describe()` after 20 s. */
export async function waitUntilReady(url: string, describe: () => string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`${url} did not become ready:\n${describe()}`);
}

/** Access tokens signed as the API signs them, for cadres of a benchmark (skips signing in one by one). */
export function accessTokens(secret: string, userIds: string[]): Promise<string[]> {
  const jwt = new JwtService({ secret, signOptions: { issuer: 'qinglian' } });
  return Promise.all(userIds.map((id) => jwt.signAsync({ sub: id, typ: 'access' }, { expiresIn: 3600, algorithm: 'HS256' })));
}

export interface GraphQLResult {
  data?: Record<string, any>;
  errors?: { message: string }[];
}

/** A GraphQL client over fetch against a separate API process. */
export function graphqlClient(baseUrl: string) {
  return async (token: string, query: string, variables: Record<string, unknown>): Promise<GraphQLResult> => {
    const res = await fetch(`${baseUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
    return (await res.json()) as GraphQLResult;
  };
}
