import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@apollo/client/react';
import { Button, Drawer, Grid, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { EmptyState, ErrorState, Loading } from '../../../components/PageState';
import { graphql } from '../../../gql';
import type { QuizStatus, TrainerQuizzesQuery } from '../../../gql/graphql';
import { formatDateTime, formatHours } from '../../../lib/time';
import { StatusTag } from '../shared/labels';
import { CursorPager } from '../../../components/CursorPager';
import { useCursorPages } from '../../../lib/paging';
import { QuizSettingsForm } from './QuizSettingsForm';

const QuizzesDocument = graphql(`
  query TrainerQuizzes($status: QuizStatus, $contest: Boolean, $first: Int, $after: String) {
    quizzes(status: $status, contest: $contest, first: $first, after: $after) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      nodes {
        id
        title
        mode
        status
        contest
        integrityExam
        opensAt
        closesAt
        passMark
        classHours
        createdAt
      }
    }
  }
`);

type Row = TrainerQuizzesQuery['quizzes']['nodes'][number];

/** Quizzes, integrity exams and knowledge contests of the trainer's part of the organisation. */
export function QuizzesPage() {
  const { t } = useTranslation('trainer');
  const navigate = useNavigate();
  const phone = !Grid.useBreakpoint().md;
  const [status, setStatus] = useState<QuizStatus | undefined>();
  const [type, setType] = useState<'all' | 'contest'>('all');
  const [creating, setCreating] = useState(false);
  const pages = useCursorPages();
  const query = useQuery(QuizzesDocument, { variables: { status, contest: type === 'contest' ? true : undefined, first: pages.first, after: pages.after } });
  const data = query.data ?? query.previousData;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('quizzes.title')}
        </Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t('quizzes.create')}
        </Button>
      </Space>
      <Space wrap>
        <Segmented
          value={type}
          onChange={(v) => {
            setType(v as 'all' | 'contest');
            pages.reset();
          }}
          options={[
            { value: 'all', label: t('quizzes.all') },
            { value: 'contest', label: t('quizzes.contests') },
          ]}
        />
        <Select
          allowClear
          placeholder={t('quizzes.allStatuses')}
          aria-label={t('quizzes.statusFilter')}
          value={status}
          onChange={(v: QuizStatus | undefined) => {
            setStatus(v);
            pages.reset();
          }}
          options={(['DRAFT', 'PUBLISHED', 'ARCHIVED'] as const).map((s) => ({ value: s, label: t(`status.quiz.${s}`) }))}
          style={{ width: 140 }}
        />
      </Space>
      {!data && query.error ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : !data ? (
        <Loading />
      ) : data.quizzes.totalCount === 0 ? (
        <EmptyState description={status || type === 'contest' ? t('quizzes.noneFound') : t('quizzes.none')} />
      ) : (
        <>
          <Table<Row>
            rowKey="id"
            size="middle"
            pagination={false}
            loading={query.loading}
            scroll={{ x: 900 }}
            dataSource={data.quizzes.nodes}
            columns={[
              { title: t('quizzes.columns.title'), key: 'title', render: (_, q) => <Link to={`/studio/quizzes/${q.id}`}>{q.title}</Link> },
              {
                title: t('quizzes.columns.type'),
                key: 'type',
                render: (_, q) => (
                  <Space size={4} wrap>
                    <Tag>{t(`quizzes.modes.${q.mode}`)}</Tag>
                    {q.contest && <Tag color="gold">{t('quizzes.contest')}</Tag>}
                    {q.integrityExam && <Tag color="purple">{t('quizzes.integrityExam')}</Tag>}
                  </Space>
                ),
              },
              { title: t('quizzes.columns.window'), key: 'window', render: (_, q) => (q.opensAt || q.closesAt ? `${formatDateTime(q.opensAt) || '…'} – ${formatDateTime(q.closesAt) || '…'}` : t('quizzes.anyTime')) },
              { title: t('quizzes.columns.passMark'), dataIndex: 'passMark', render: (p: number) => `${p}%` },
              { title: t('quizzes.columns.hours'), dataIndex: 'classHours', render: (h: number) => formatHours(h) },
              { title: t('quizzes.columns.status'), dataIndex: 'status', render: (s: string) => <StatusTag status={s} group="quiz" /> },
            ]}
          />
          <CursorPager pages={pages} totalCount={data.quizzes.totalCount} pageInfo={data.quizzes.pageInfo} />
        </>
      )}
      <Drawer key="create" open={creating} onClose={() => setCreating(false)} title={t('quizzes.create')} size={phone ? '100%' : 640} destroyOnHidden>
        <QuizSettingsForm
          onSaved={(id) => {
            setCreating(false);
            void navigate(`/studio/quizzes/${id}`);
          }}
        />
      </Drawer>
    </Space>
  );
}
