import { Button, Empty, Result, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { apiProblem, problemText } from './errors';

/** Loading, error and empty states every page uses, so none is left blank. */
export function Loading({ rows = 4 }: { rows?: number }) {
  const { t } = useTranslation();
  return (
    <div role="status" aria-live="polite" aria-label={t('loading')}>
      <Skeleton active paragraph={{ rows }} />
    </div>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const problem = apiProblem(error);
  return (
    <Result
      status={problem.code === 'FORBIDDEN' ? '403' : problem.code === 'NOT_FOUND' ? '404' : 'error'}
      title={t('error')}
      subTitle={
        <>
          <div role="alert">{problemText(problem, t)}</div>
          <div>{t('errorCode', { code: problem.code })}</div>
        </>
      }
      extra={onRetry ? <Button onClick={onRetry}>{t('retry')}</Button> : undefined}
    />
  );
}

export function EmptyState({ description, children }: { description?: ReactNode; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={description ?? t('empty')}>
      {children}
    </Empty>
  );
}

/** Renders loading, error or the content of a query result. */
export function QueryState<T>({ loading, error, data, retry, children }: { loading: boolean; error?: unknown; data: T | undefined; retry?: () => void; children: (data: T) => ReactNode }) {
  if (data !== undefined) return <>{children(data)}</>;
  if (error) return <ErrorState error={error} onRetry={retry} />;
  if (loading) return <Loading />;
  return <EmptyState />;
}
