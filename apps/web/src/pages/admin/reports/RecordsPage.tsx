import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@apollo/client/react';
import { Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState, ErrorState } from '../../../components/PageState';
import { graphql } from '../../../gql';
import type { AdminCompletionRecordsQuery, CompletionStatus } from '../../../gql/graphql';
import { formatHours } from '../../../lib/time';
import { CursorPager } from '../../../components/CursorPager';
import { useCursorPages } from '../../../lib/paging';
import { shanghaiDate } from '../shared/time';
import { useUnitDirectory } from '../shared/units';
import { CsvButton, query, STATUS_COLOR, STATUSES, TierInput, UnitInput, useReportFilters, YearInput } from './shared';

const PAGE = 20;

const RecordsDocument = graphql(`
  query AdminCompletionRecords($year: Int!, $unitId: ID, $tier: CadreTier, $status: CompletionStatus, $first: Int, $after: String) {
    completionRecords(year: $year, unitId: $unitId, tier: $tier, status: $status, first: $first, after: $after) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      nodes {
        userId
        unitId
        year
        tier
        status
        requiredHours
        earnedTotal
        itemsDone
        itemsTotal
        dueAt
        person {
          id
          name
          isLeading
        }
      }
    }
  }
`);

type Row = AdminCompletionRecordsQuery['completionRecords']['nodes'][number];

/** The cadres behind a report row (unit subtree, tier, status), a page at a time, with CSV export. */
export function RecordsPage() {
  const { t } = useTranslation('admin');
  const filters = useReportFilters();
  const { year, unitId, tier, status } = filters;
  const { directory: units, loading: unitsLoading } = useUnitDirectory();
  const pages = useCursorPages({ size: PAGE });
  const records = useQuery(RecordsDocument, { variables: { year, unitId, tier, status, first: pages.first, after: pages.after } });
  const data = records.data?.completionRecords ?? (records.loading ? records.previousData?.completionRecords : undefined);
  const change = (next: Parameters<typeof filters.set>[0]) => {
    pages.reset();
    filters.set(next);
  };

  const columns: TableColumnsType<Row> = [
    {
      title: t('records.columns.name'),
      key: 'name',
      render: (_, r) => (
        <Space size={4} wrap>
          <Link to={`/admin/reports/records/${r.userId}?${query({ year, unitId, tier, status })}`} aria-label={t('records.openLabel', { name: r.person.name })}>
            {r.person.name}
          </Link>
          {r.person.isLeading && <Tag color="gold">{t('records.leading')}</Tag>}
        </Space>
      ),
    },
    { title: t('records.columns.unit'), key: 'unit', render: (_, r) => units?.byId.get(r.unitId)?.name ?? '…' },
    { title: t('records.columns.tier'), key: 'tier', render: (_, r) => t(`common:tiers.${r.tier}`) },
    { title: t('records.columns.hours'), key: 'hours', align: 'right', render: (_, r) => t('records.hours', { earned: formatHours(r.earnedTotal), required: formatHours(r.requiredHours) }) },
    { title: t('records.columns.items'), key: 'items', align: 'right', render: (_, r) => t('records.items', { done: r.itemsDone, total: r.itemsTotal }) },
    { title: t('records.columns.status'), key: 'status', render: (_, r) => <Tag color={STATUS_COLOR[r.status]}>{t(`completionStatus.${r.status}`)}</Tag> },
    { title: t('records.columns.due'), key: 'due', render: (_, r) => shanghaiDate(r.dueAt) },
  ];

  const csv = `/exports/completion/records.csv?${query({ year, unitId, tier: tier ?? null, status: status ?? null })}`;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Link to={`/admin/reports?${query({ year, unitId, tier })}`}>
        <ArrowLeftOutlined /> {t('records.back')}
      </Link>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('records.title')}
        {unitId && units?.byId.get(unitId) ? ` · ${units.byId.get(unitId)!.name}` : ''}
      </Typography.Title>
      <Space wrap aria-label={t('records.filters')}>
        <YearInput value={year} onChange={(y) => change({ year: y })} />
        <UnitInput value={unitId} tree={units?.tree ?? []} loading={unitsLoading} onChange={(id) => change({ unitId: id })} />
        <TierInput value={tier} onChange={(v) => change({ tier: v })} />
        <Select
          aria-label={t('records.status')}
          allowClear
          value={status}
          placeholder={t('records.allStatuses')}
          onChange={(v: CompletionStatus | undefined) => change({ status: v ?? null })}
          options={STATUSES.map((s) => ({ value: s, label: t(`completionStatus.${s}`) }))}
          style={{ width: 140 }}
        />
        <CsvButton url={csv} fileName={`completion-records-${year}.csv`} label={t('reports.exportRecords')} />
      </Space>
      {records.error && !data ? (
        <ErrorState error={records.error} onRetry={() => void records.refetch()} />
      ) : (
        <>
          <Table<Row>
            size="small"
            rowKey="userId"
            columns={columns}
            dataSource={data?.nodes ?? []}
            loading={records.loading}
            pagination={false}
            scroll={{ x: 760 }}
            data-testid="records-table"
            locale={{ emptyText: records.loading ? ' ' : <EmptyState description={t('records.none')} /> }}
          />
          {data && data.totalCount > 0 && (
            <CursorPager pages={pages} totalCount={data.totalCount} pageInfo={data.pageInfo} loading={records.loading} />
          )}
        </>
      )}
    </Space>
  );
}
