import { useApolloClient } from '@apollo/client/react';
import { TreeSelect } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { graphql } from '../../../gql';
import type { AdminAllUnitsQuery } from '../../../gql/graphql';

/** One page of the administrator's units (the whole subtree, parents before children: sorted by path). */
const AllUnitsDocument = graphql(`
  query AdminAllUnits($after: String) {
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
        createdAt
      }
    }
  }
`);

export interface UnitRow {
  id: string;
  name: string;
  parentId?: string | null;
  depth: number;
  createdAt: string;
}

export interface UnitTreeNode {
  key: string;
  value: string;
  title: string;
  unit: UnitRow;
  children: UnitTreeNode[];
}

export interface UnitDirectory {
  units: UnitRow[];
  byId: Map<string, UnitRow>;
  /** The tops of what the administrator may see (their own unit, or the top-level units). */
  tree: UnitTreeNode[];
  /** 市纪委监委 / 第一监督检查室: the names from the top of the administrator's tree. */
  pathOf(id: string): string;
  /** The unit and everything below it. */
  subtreeIds(id: string): Set<string>;
}

export function buildDirectory(units: UnitRow[]): UnitDirectory {
  const byId = new Map(units.map((u) => [u.id, u]));
  const nodes = new Map<string, UnitTreeNode>(units.map((u) => [u.id, { key: u.id, value: u.id, title: u.name, unit: u, children: [] }]));
  const tree: UnitTreeNode[] = [];
  for (const u of units) {
    const node = nodes.get(u.id)!;
    const parent = u.parentId ? nodes.get(u.parentId) : undefined;
    if (parent) parent.children.push(node);
    else tree.push(node);
  }
  const sort = (list: UnitTreeNode[]) => {
    list.sort((a, b) => a.title.localeCompare(b.title, 'zh-CN'));
    list.forEach((n) => sort(n.children));
  };
  sort(tree);
  return {
    units,
    byId,
    tree,
    pathOf(id) {
      const names: string[] = [];
      for (let u = byId.get(id); u; u = u.parentId ? byId.get(u.parentId) : undefined) names.unshift(u.name);
      return names.join(' / ');
    },
    subtreeIds(id) {
      const out = new Set<string>();
      const walk = (n: UnitTreeNode | undefined) => {
        if (!n) return;
        out.add(n.key);
        n.children.forEach(walk);
      };
      walk(nodes.get(id));
      return out;
    },
  };
}

/**
 * Every unit of the administrator's subtree, read a page (100) at a time.
 * A county has a few hundred units, so the whole tree is at hand for the
 * tree view, the unit pickers and the names in the audit log.
 */
export function useUnitDirectory() {
  const client = useApolloClient();
  const [units, setUnits] = useState<UnitRow[] | undefined>();
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(true);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let cancelled = false;
    const load = async () => {
      setLoading(true);
      setError(undefined);
      try {
        const all: UnitRow[] = [];
        let after: string | null = null;
        for (;;) {
          const res: { data?: AdminAllUnitsQuery; error?: unknown } = await client.query({ query: AllUnitsDocument, variables: { after }, fetchPolicy: 'network-only' });
          if (res.error) throw res.error;
          const page: AdminAllUnitsQuery['units'] = res.data!.units;
          all.push(...page.nodes);
          if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) break;
          after = page.pageInfo.endCursor;
        }
        if (!cancelled) setUnits(all);
      } catch (e) {
        if (!cancelled) setError(e);
      } finally {
        if (!cancelled) setLoading(false);
      }
    };
    void load();
    return () => {
      cancelled = true;
    };
  }, [client, version]);

  const directory = useMemo(() => (units ? buildDirectory(units) : undefined), [units]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { directory, loading, error, reload };
}

/** A unit picker over the administrator's tree, searchable by name. */
export function UnitPicker({
  directory,
  value,
  onChange,
  id,
  placeholder,
  allowClear,
  disabledIds,
  'aria-label': ariaLabel,
  style,
}: {
  directory: UnitDirectory | undefined;
  value?: string | null;
  onChange?: (value: string | undefined) => void;
  id?: string;
  placeholder?: string;
  allowClear?: boolean;
  disabledIds?: Set<string>;
  'aria-label'?: string;
  style?: React.CSSProperties;
}) {
  const treeData = useMemo(() => {
    interface Option {
      value: string;
      title: string;
      key: string;
      disabled?: boolean;
      children: Option[];
    }
    const map = (nodes: UnitTreeNode[]): Option[] =>
      nodes.map((n) => ({ value: n.value, title: n.title, key: n.key, disabled: disabledIds?.has(n.key), children: map(n.children) }));
    return map(directory?.tree ?? []);
  }, [directory, disabledIds]);
  return (
    <TreeSelect
      id={id}
      aria-label={ariaLabel}
      style={{ width: '100%', ...style }}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v ?? undefined)}
      treeData={treeData}
      loading={!directory}
      placeholder={placeholder}
      allowClear={allowClear}
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandedKeys={directory?.tree.flatMap((n) => [n.key, ...n.children.map((c) => c.key)])}
      popupMatchSelectWidth={false}
    />
  );
}
