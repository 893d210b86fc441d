import { SyncOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, App, Button, Progress, Space, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiProblem, problemText } from '../../../components/errors';
import { graphql } from '../../../gql';
import type { CadreTier } from '../../../gql/graphql';

const RecomputeDocument = graphql(`
  mutation AdminRecomputeCompletion($year: Int!, $tier: CadreTier, $unitId: ID) {
    recomputeCompletion(year: $year, tier: $tier, unitId: $unitId) {
      id
      status
      done
      total
    }
  }
`);

const RunDocument = graphql(`
  query AdminCompletionRun($id: ID!) {
    completionRun(id: $id) {
      id
      status
      done
      total
      error
      finishedAt
    }
  }
`);

/** The full recompute of what the report shows (year, unit subtree, tier), run by the worker, with its progress done / total. */
export function RecomputeCard({ year, unitId, tier, unitName, onDone }: { year: number; unitId?: string; tier?: CadreTier; unitName?: string; onDone(): void }) {
  const { t } = useTranslation('admin');
  const { modal } = App.useApp();
  const [runId, setRunId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [start] = useMutation(RecomputeDocument);
  const [polling, setPolling] = useState(false);
  const run = useQuery(RunDocument, { variables: { id: runId ?? '' }, skip: !runId, fetchPolicy: 'network-only', pollInterval: polling ? 1000 : 0 });
  const current = run.data?.completionRun?.id === runId ? run.data?.completionRun : undefined;
  const running = Boolean(runId) && (!current || current.status === 'RUNNING');
  const reported = useRef<string | null>(null);

  useEffect(() => setPolling(running), [running]);
  useEffect(() => {
    if (!current || current.status === 'RUNNING' || reported.current === current.id) return;
    reported.current = current.id;
    if (current.status === 'DONE') onDone();
  }, [current, onDone]);

  const scope = [unitName, tier ? t(`common:tiers.${tier}`) : null].filter(Boolean).join('、');
  const confirm = () =>
    modal.confirm({
      title: t('reports.recomputeTitle'),
      content: t('reports.recomputeHelp', { year, scope: scope ? `${scope} ` : '' }),
      okText: t('reports.recomputeStart'),
      onOk: async () => {
        setError(null);
        try {
          const res = await start({ variables: { year, tier, unitId } });
          reported.current = null;
          setRunId(res.data!.recomputeCompletion.id);
        } catch (e) {
          setError(problemText(apiProblem(e), t));
        }
      },
    });

  const percent = current && current.total > 0 ? Math.floor((current.done / current.total) * 100) : current?.status === 'DONE' ? 100 : 0;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={4}>
      <Space wrap>
        <Button icon={<SyncOutlined spin={running} />} onClick={confirm} disabled={running}>
          {t('reports.recompute')}
        </Button>
        {current && (
          <Typography.Text type={current.status === 'FAILED' ? 'danger' : 'secondary'} data-testid="recompute-status">
            {current.status === 'RUNNING'
              ? t('reports.recomputeRunning', { done: current.done, total: current.total })
              : current.status === 'DONE'
                ? t('reports.recomputeDone', { total: current.total })
                : t('reports.recomputeFailed', { error: current.error ?? current.status })}
          </Typography.Text>
        )}
      </Space>
      {runId && (
        <Progress
          percent={percent}
          status={current?.status === 'FAILED' ? 'exception' : current?.status === 'DONE' ? 'success' : 'active'}
          aria-label={t('reports.recomputeProgress')}
          data-testid="recompute-progress"
          style={{ maxWidth: 480 }}
        />
      )}
      {(error || run.error) && <Alert type="error" showIcon title={error ?? problemText(apiProblem(run.error), t)} />}
    </Space>
  );
}
