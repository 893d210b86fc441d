import type { OperationVariables } from '@apollo/client';
import type { useQuery } from '@apollo/client/react';
import { Button } from 'antd';
import { useState } from 'react';

/** What every list of the API returns: a page of nodes and where the next one starts. */
interface Connection {
  nodes: readonly unknown[];
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

/**
 * "Load more" under a list on the cadre's phone: fetches the page after the
 * last one shown (`after` = its end cursor) and appends its nodes to the
 * query's list field, keeping the new page's count and cursor. Shows nothing
 * when the list is complete.
 */
export function LoadMore<TData extends { [P in K]: Connection }, TVariables extends OperationVariables, K extends keyof TData & string>({
  query,
  field,
  label,
}: {
  query: Pick<useQuery.Result<TData, TVariables>, 'data' | 'fetchMore'>;
  /** The query's list field, e.g. `myCourses`. */
  field: K;
  label: string;
}) {
  const [loading, setLoading] = useState(false);
  const connection = (query.data as TData | undefined)?.[field] as Connection | undefined;
  if (!connection?.pageInfo.hasNextPage || !connection.pageInfo.endCursor) return null;
  const after = connection.pageInfo.endCursor;

  const more = async () => {
    setLoading(true);
    try {
      await query.fetchMore({
        variables: { after } as unknown as Partial<TVariables>,
        updateQuery: (prev, { fetchMoreResult }) => {
          const shown = prev[field] as Connection;
          const next = fetchMoreResult[field] as Connection;
          return { ...prev, [field]: { ...next, nodes: [...shown.nodes, ...next.nodes] } } as typeof prev;
        },
      });
    } finally {
      setLoading(false);
    }
  };

  return (
    <div style={{ textAlign: 'center' }}>
      <Button loading={loading} onClick={() => void more()}>
        {label}
      </Button>
    </div>
  );
}
