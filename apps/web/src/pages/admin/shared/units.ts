import { useApolloClient } from '@apollo/client/react';
import { useEffect, useMemo, useState } from 'react';
import { graphql } from '../../../gql';

const UnitsPageDocument = graphql(`
  query AdminUnitsInScope($after: String) {
    units(includeSubunits: true, first: 100, after: $after) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      nodes {
        id
        name
        parentId
        depth
      }
    }
  }
`);

export interface ScopeUnit {
  id: string;
  name: string;
  parentId?: string | null;
  depth: number;
}

export interface UnitTreeNode {
  value: string;
  title: string;
  key: string;
  children: UnitTreeNode[];
}

/**
 * Every unit the administrator manages (their subtree; a county has a few
 * hundred), read a page of 100 at a time, with the tree built from it.
 */
export function useScopeUnits() {
  const client = useApolloClient();
  const [units, setUnits] = useState<ScopeUnit[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let alive = true;
    setError(null);
    (async () => {
      const all: ScopeUnit[] = [];
      let after: string | undefined;
      for (;;) {
        const res = await client.query({ query: UnitsPageDocument, variables: { after }, fetchPolicy: 'network-only' });
        const page = res.data!.units;
        all.push(...page.nodes);
        if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) break;
        after = page.pageInfo.endCursor;
      }
      if (alive) setUnits(all);
    })().catch((e: unknown) => alive && setError(e));
    return () => {
      alive = false;
    };
  }, [client, attempt]);

  const derived = useMemo(() => {
    const byId = new Map((units ?? []).map((u) => [u.id, u]));
    const nodes = new Map<string, UnitTreeNode>((units ?? []).map((u) => [u.id, { value: u.id, key: u.id, title: u.name, children: [] }]));
    const roots: UnitTreeNode[] = [];
    for (const u of units ?? []) {
      const node = nodes.get(u.id)!;
      const parent = u.parentId ? nodes.get(u.parentId) : undefined;
      if (parent) parent.children.push(node);
      else roots.push(node);
    }
    return { byId, tree: roots };
  }, [units]);

  return { units, ...derived, loading: units === null && !error, error, retry: () => setAttempt((a) => a + 1) };
}
