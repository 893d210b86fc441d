import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@apollo/client/react';
import { Button, Drawer, Grid, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { EmptyState, ErrorState, Loading } from '../../../components/PageState';
import { graphql } from '../../../gql';
import type { TourStatus, TrainerToursQuery } from '../../../gql/graphql';
import { formatDateTime, formatHours } from '../../../lib/time';
import { StatusTag } from '../shared/labels';
import { CursorPager } from '../../../components/CursorPager';
import { useCursorPages } from '../../../lib/paging';
import { TourForm } from './TourForm';

const ToursDocument = graphql(`
  query TrainerTours($status: TourStatus, $first: Int, $after: String) {
    studyTours(status: $status, first: $first, after: $after) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      nodes {
        id
        title
        kind
        destination
        startsAt
        endsAt
        capacity
        confirmedCount
        seatsLeft
        classHours
        approvalRequired
        status
      }
    }
  }
`);

type Row = TrainerToursQuery['studyTours']['nodes'][number];
const STATUSES: TourStatus[] = ['DRAFT', 'OPEN', 'CLOSED', 'DONE', 'CANCELLED'];

/** Study tours organised in the trainer's part of the organisation, by start date. */
export function ToursPage() {
  const { t } = useTranslation('trainer');
  const navigate = useNavigate();
  const phone = !Grid.useBreakpoint().md;
  const [status, setStatus] = useState<TourStatus | undefined>();
  const [creating, setCreating] = useState(false);
  const pages = useCursorPages();
  const query = useQuery(ToursDocument, { variables: { status, first: pages.first, after: pages.after } });
  const data = query.data ?? query.previousData;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('tours.title')}
        </Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t('tours.create')}
        </Button>
      </Space>
      <Select
        allowClear
        placeholder={t('tours.allStatuses')}
        aria-label={t('tours.statusFilter')}
        value={status}
        onChange={(v: TourStatus | undefined) => {
          setStatus(v);
          pages.reset();
        }}
        options={STATUSES.map((s) => ({ value: s, label: t(`status.tour.${s}`) }))}
        style={{ width: 160 }}
      />
      {!data && query.error ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : !data ? (
        <Loading />
      ) : data.studyTours.totalCount === 0 ? (
        <EmptyState description={status ? t('tours.noneFound') : t('tours.none')} />
      ) : (
        <>
          <Table<Row>
            rowKey="id"
            size="middle"
            pagination={false}
            loading={query.loading}
            scroll={{ x: 900 }}
            dataSource={data.studyTours.nodes}
            columns={[
              { title: t('tours.columns.title'), key: 'title', render: (_, r) => <Link to={`/studio/tours/${r.id}`}>{r.title}</Link> },
              { title: t('tours.columns.kind'), dataIndex: 'kind', render: (k: string) => t(`tours.kinds.${k}`) },
              { title: t('tours.columns.destination'), dataIndex: 'destination' },
              { title: t('tours.columns.startsAt'), dataIndex: 'startsAt', render: (d: string) => formatDateTime(d) },
              { title: t('tours.columns.seats'), key: 'seats', render: (_, r) => t('tours.seats', { confirmed: r.confirmedCount, capacity: r.capacity }) },
              { title: t('tours.columns.hours'), dataIndex: 'classHours', render: (h: number) => formatHours(h) },
              { title: t('tours.columns.status'), dataIndex: 'status', render: (s: string) => <StatusTag status={s} group="tour" /> },
            ]}
          />
          <CursorPager pages={pages} totalCount={data.studyTours.totalCount} pageInfo={data.studyTours.pageInfo} />
        </>
      )}
      <Drawer key="create" open={creating} onClose={() => setCreating(false)} title={t('tours.create')} size={phone ? '100%' : 640} destroyOnHidden>
        <TourForm
          onSaved={(id) => {
            setCreating(false);
            void navigate(`/studio/tours/${id}`);
          }}
        />
      </Drawer>
    </Space>
  );
}
