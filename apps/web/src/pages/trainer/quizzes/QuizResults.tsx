import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, App, Button, Card, Form, Input, InputNumber, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiProblem, problemText } from '../../../components/errors';
import { EmptyState, ErrorState, Loading } from '../../../components/PageState';
import { graphql } from '../../../gql';
import type { TrainerContestRankingsQuery, TrainerPendingShortAnswersQuery } from '../../../gql/graphql';
import { formatDateTime } from '../../../lib/time';
import { clock, score } from '../../cadre/learning/format';

const RankingsDocument = graphql(`
  query TrainerContestRankings($quizId: ID!) {
    contestRankings(quizId: $quizId) {
      final
      people {
        rank
        userId
        name
        unitName
        percent
        timeTakenSeconds
      }
      units {
        rank
        unitId
        unitName
        averagePercent
        participants
        eligible
        participationRate
      }
    }
  }
`);

const PendingDocument = graphql(`
  query TrainerPendingShortAnswers($quizId: ID!) {
    pendingShortAnswers(quizId: $quizId) {
      attemptId
      position
      stem
      text
      reference
      points
      submittedAt
    }
  }
`);

const GradeDocument = graphql(`
  mutation TrainerGradeShortAnswer($attemptId: ID!, $position: Int!, $score: Float!, $comment: String) {
    gradeShortAnswer(attemptId: $attemptId, position: $position, score: $score, comment: $comment) {
      id
      status
      percent
      passed
    }
  }
`);

type Person = TrainerContestRankingsQuery['contestRankings']['people'][number];
type UnitRow = TrainerContestRankingsQuery['contestRankings']['units'][number];
type Pending = TrainerPendingShortAnswersQuery['pendingShortAnswers'][number];

/** Contest rankings: people by score then time taken (ties share a rank), units by average score with participation. */
export function RankingsPanel({ quizId }: { quizId: string }) {
  const { t } = useTranslation('trainer');
  const [view, setView] = useState<'people' | 'units'>('people');
  const query = useQuery(RankingsDocument, { variables: { quizId }, fetchPolicy: 'network-only' });
  if (!query.data) return query.error ? <ErrorState error={query.error} onRetry={() => void query.refetch()} /> : <Loading />;
  const r = query.data.contestRankings;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Segmented
          value={view}
          onChange={(v) => setView(v as 'people' | 'units')}
          options={[
            { value: 'people', label: t('rankings.people') },
            { value: 'units', label: t('rankings.units') },
          ]}
        />
        <Space>
          <Tag color={r.final ? 'green' : 'processing'}>{r.final ? t('rankings.final') : t('rankings.live')}</Tag>
          <Button size="small" onClick={() => void query.refetch()} loading={query.loading}>
            {t('rankings.refresh')}
          </Button>
        </Space>
      </Space>
      {view === 'people' ? (
        r.people.length === 0 ? (
          <EmptyState description={t('rankings.none')} />
        ) : (
          <Table<Person>
            rowKey="userId"
            size="small"
            scroll={{ x: 560 }}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            dataSource={r.people}
            columns={[
              { title: t('rankings.rank'), dataIndex: 'rank', width: 70 },
              { title: t('rankings.name'), dataIndex: 'name' },
              { title: t('rankings.unit'), dataIndex: 'unitName' },
              { title: t('rankings.percent'), dataIndex: 'percent', render: (p: number) => `${score(p)}%` },
              { title: t('rankings.time'), dataIndex: 'timeTakenSeconds', render: (s: number) => clock(s) },
            ]}
          />
        )
      ) : r.units.length === 0 ? (
        <EmptyState description={t('rankings.none')} />
      ) : (
        <Table<UnitRow>
          rowKey="unitId"
          size="small"
          scroll={{ x: 560 }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          dataSource={r.units}
          columns={[
            { title: t('rankings.rank'), dataIndex: 'rank', width: 70 },
            { title: t('rankings.unit'), dataIndex: 'unitName' },
            { title: t('rankings.average'), dataIndex: 'averagePercent', render: (p: number) => `${score(p)}%` },
            { title: t('rankings.participants'), key: 'participants', render: (_, u) => `${u.participants} / ${u.eligible}` },
            { title: t('rankings.participation'), dataIndex: 'participationRate', render: (p: number) => `${score(p)}%` },
          ]}
        />
      )}
    </Space>
  );
}

/** Short answers waiting for a score; the attempt is graded when its last one is scored. */
export function ReviewPanel({ quizId }: { quizId: string }) {
  const { t } = useTranslation('trainer');
  const query = useQuery(PendingDocument, { variables: { quizId }, fetchPolicy: 'network-only' });
  if (!query.data) return query.error ? <ErrorState error={query.error} onRetry={() => void query.refetch()} /> : <Loading />;
  const pending = query.data.pendingShortAnswers;
  if (pending.length === 0) return <EmptyState description={t('review.none')} />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t('review.hint', { count: pending.length })}</Typography.Text>
      {pending.map((p) => (
        <GradeCard key={`${p.attemptId}-${p.position}`} answer={p} onGraded={() => void query.refetch()} />
      ))}
    </Space>
  );
}

function GradeCard({ answer, onGraded }: { answer: Pending; onGraded: () => void }) {
  const { t } = useTranslation('trainer');
  const { message } = App.useApp();
  const [form] = Form.useForm<{ score: number; comment?: string }>();
  const [grade, grading] = useMutation(GradeDocument);
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <Card size="small" title={t('review.question', { n: answer.position })} extra={<Typography.Text type="secondary">{t('review.submittedAt', { time: formatDateTime(answer.submittedAt) })}</Typography.Text>}>
      <Typography.Paragraph strong>{answer.stem}</Typography.Paragraph>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', background: '#fafafa', padding: 8, borderRadius: 4 }}>{answer.text || t('review.blank')}</Typography.Paragraph>
      {answer.reference && (
        <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap' }}>
          {t('review.reference', { text: answer.reference })}
        </Typography.Paragraph>
      )}
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 8 }} role="alert" />}
      <Form
        form={form}
        layout="inline"
        onFinish={async (v) => {
          setProblem(null);
          try {
            const res = await grade({ variables: { attemptId: answer.attemptId, position: answer.position, score: v.score, comment: v.comment?.trim() || undefined } });
            const a = res.data!.gradeShortAnswer;
            void message.success(a.status === 'GRADED' ? t('review.attemptGraded', { percent: score(a.percent) }) : t('review.graded'));
            onGraded();
          } catch (e) {
            setProblem(problemText(apiProblem(e), t));
          }
        }}
      >
        <Form.Item name="score" label={t('review.score', { points: answer.points })} rules={[{ required: true, message: t('review.scoreRequired') }]}>
          <InputNumber min={0} max={answer.points} step={0.5} style={{ width: 110 }} />
        </Form.Item>
        <Form.Item name="comment" label={t('review.comment')} style={{ minWidth: 260 }}>
          <Input maxLength={1000} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={grading.loading}>
            {t('review.submit')}
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}
