import { ApartmentOutlined, TeamOutlined, WarningOutlined } from '@ant-design/icons';
import { useQuery } from '@apollo/client/react';
import { Button, Card, Col, Progress, Row, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { EmptyState, ErrorState, Loading } from '../../../components/PageState';
import { graphql } from '../../../gql';
import type { AdminCompletionReportQuery, CompletionStatus } from '../../../gql/graphql';
import { formatHours } from '../../../lib/time';
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { ItemList } from '../shared/ItemList';
import { useUnitDirectory } from '../shared/units';
import { RecomputeCard } from './RecomputeCard';
import { CsvButton, query, TierInput, UnitInput, useReportFilters, YearInput } from './shared';

const ReportDocument = graphql(`
  query AdminCompletionReport($year: Int!, $unitId: ID, $tier: CadreTier) {
    completionReport(year: $year, unitId: $unitId, tier: $tier) {
      year
      rows {
        unitId
        unitName
        tier
        cadres
        completed
        inProgress
        notStarted
        overdue
        completionRate
        averageHours
      }
      overdueLeaders {
        userId
        name
        unitName
        tier
        earnedTotal
        requiredHours
      }
    }
  }
`);

type ReportRow = AdminCompletionReportQuery['completionReport']['rows'][number];
interface TableRow extends ReportRow {
  key: string;
  first: boolean;
  children?: TableRow[];
}

const STATUS_COLORS: Record<CompletionStatus, string> = { COMPLETED: '#1f6f5c', IN_PROGRESS: '#1677ff', NOT_STARTED: '#bfbfbf', OVERDUE: '#cf1322' };

/** Completion per unit (subunits rolled up) and tier for a year: a table, charts, the overdue leading cadres, CSV and the recompute. */
export function ReportsPage() {
  const { t } = useTranslation('admin');
  const navigate = useNavigate();
  const filters = useReportFilters();
  const { year, unitId, tier } = filters;
  const { directory: units, loading: unitsLoading } = useUnitDirectory();
  const report = useQuery(ReportDocument, { variables: { year, unitId, tier } });
  const data = report.data?.completionReport ?? (report.loading ? report.previousData?.completionReport : undefined);

  const rows = useMemo<TableRow[]>(() => {
    const byUnit = new Map<string, TableRow>();
    const order: string[] = [];
    for (const r of data?.rows ?? []) {
      if (r.tier === null || r.tier === undefined) {
        byUnit.set(r.unitId, { ...r, key: r.unitId, first: order.length === 0, children: [] });
        order.push(r.unitId);
      }
    }
    for (const r of data?.rows ?? []) {
      if (r.tier) byUnit.get(r.unitId)?.children?.push({ ...r, key: `${r.unitId}-${r.tier}`, first: false });
    }
    return order.map((id) => {
      const row = byUnit.get(id)!;
      return row.children?.length ? row : { ...row, children: undefined };
    });
  }, [data]);

  const recordsLink = (row: ReportRow, status?: CompletionStatus) => `/admin/reports/records?${query({ year, unitId: row.unitId, tier: row.tier ?? tier ?? null, status: status ?? null })}`;
  const count = (row: ReportRow, value: number, status: CompletionStatus, what: string) =>
    value > 0 ? (
      <Link to={recordsLink(row, status)} aria-label={t('reports.drillLabel', { unit: row.unitName, what })}>
        {value}
      </Link>
    ) : (
      value
    );

  const columns: TableColumnsType<TableRow> = [
    {
      title: t('reports.columns.unit'),
      key: 'unit',
      fixed: 'left',
      width: 200,
      render: (_, r) => (r.tier ? t(`common:tiers.${r.tier}`) : <Typography.Text strong={r.first}>{r.unitName}</Typography.Text>),
    },
    { title: t('reports.columns.cadres'), dataIndex: 'cadres', align: 'right' },
    { title: t('reports.columns.completed'), key: 'completed', align: 'right', render: (_, r) => count(r, r.completed, 'COMPLETED', t('reports.columns.completed')) },
    { title: t('reports.columns.inProgress'), key: 'inProgress', align: 'right', render: (_, r) => count(r, r.inProgress, 'IN_PROGRESS', t('reports.columns.inProgress')) },
    { title: t('reports.columns.notStarted'), key: 'notStarted', align: 'right', render: (_, r) => count(r, r.notStarted, 'NOT_STARTED', t('reports.columns.notStarted')) },
    {
      title: t('reports.columns.overdue'),
      key: 'overdue',
      align: 'right',
      render: (_, r) => (r.overdue > 0 ? <Typography.Text type="danger">{count(r, r.overdue, 'OVERDUE', t('reports.columns.overdue'))}</Typography.Text> : 0),
    },
    {
      title: t('reports.columns.rate'),
      key: 'rate',
      width: 160,
      render: (_, r) => <Progress percent={r.completionRate} status="normal" size="small" format={(p) => t('reports.rateValue', { rate: p })} aria-label={t('reports.columns.rate')} />,
    },
    { title: t('reports.columns.average'), key: 'average', align: 'right', render: (_, r) => formatHours(r.averageHours) },
    {
      title: '',
      key: 'actions',
      width: 170,
      render: (_, r) => (
        <Space size={4}>
          <Button size="small" icon={<TeamOutlined />} onClick={() => navigate(recordsLink(r))} aria-label={t('reports.drillLabel', { unit: r.unitName, what: r.tier ? t(`common:tiers.${r.tier}`) : '' })}>
            {t('reports.drill')}
          </Button>
          {!r.tier && !r.first && (
            <Button size="small" type="text" icon={<ApartmentOutlined />} onClick={() => filters.set({ unitId: r.unitId })} aria-label={`${t('reports.subunits')}：${r.unitName}`} title={t('reports.subunits')} />
          )}
        </Space>
      ),
    },
  ];

  const chartRows = rows.map((r) => ({ unit: r.unitName, rate: r.completionRate, COMPLETED: r.completed, IN_PROGRESS: r.inProgress, NOT_STARTED: r.notStarted, OVERDUE: r.overdue }));

  const csv = `/exports/completion/report.csv?${query({ year, unitId, tier: tier ?? null })}`;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('reports.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('reports.intro')}</Typography.Text>
      </div>
      <Space wrap>
        <YearInput value={year} onChange={(y) => filters.set({ year: y })} />
        <UnitInput value={unitId} tree={units?.tree ?? []} loading={unitsLoading} onChange={(id) => filters.set({ unitId: id })} />
        <TierInput value={tier} onChange={(v) => filters.set({ tier: v })} />
        <CsvButton url={csv} fileName={`completion-report-${year}.csv`} label={t('reports.exportReport')} />
      </Space>
      <RecomputeCard year={year} unitId={unitId} tier={tier} unitName={unitId ? units?.byId.get(unitId)?.name : undefined} onDone={() => void report.refetch()} />
      {report.error && !data ? (
        <ErrorState error={report.error} onRetry={() => void report.refetch()} />
      ) : !data ? (
        <Loading rows={8} />
      ) : rows.length === 0 ? (
        <Card size="small">
          <EmptyState description={t('reports.none', { year })} />
        </Card>
      ) : (
        <>
          <Card size="small" styles={{ body: { padding: 0 } }}>
            <Table<TableRow>
              size="small"
              rowKey="key"
              columns={columns}
              dataSource={rows}
              pagination={false}
              loading={report.loading}
              scroll={{ x: 1000 }}
              expandable={{ defaultExpandAllRows: false }}
              data-testid="report-table"
            />
          </Card>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('reports.chartRate')}>
                <figure aria-label={t('reports.chartRateLabel')} style={{ margin: 0 }}>
                  <BarChart responsive style={{ width: '100%', height: 280 }} data={chartRows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
                    <CartesianGrid strokeDasharray="3 3" vertical={false} />
                    <XAxis dataKey="unit" interval={0} tick={{ fontSize: 12 }} />
                    <YAxis domain={[0, 100]} unit="%" />
                    <Tooltip formatter={(v) => `${String(v)}%`} />
                    <Bar dataKey="rate" name={t('reports.columns.rate')} fill="#1f6f5c" isAnimationActive={false} />
                  </BarChart>
                </figure>
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('reports.chartStatus')}>
                <figure aria-label={t('reports.chartStatusLabel')} style={{ margin: 0 }}>
                  <BarChart responsive style={{ width: '100%', height: 280 }} data={chartRows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
                    <CartesianGrid strokeDasharray="3 3" vertical={false} />
                    <XAxis dataKey="unit" interval={0} tick={{ fontSize: 12 }} />
                    <YAxis allowDecimals={false} />
                    <Tooltip />
                    <Legend />
                    {(['COMPLETED', 'IN_PROGRESS', 'NOT_STARTED', 'OVERDUE'] as const).map((s) => (
                      <Bar key={s} dataKey={s} stackId="status" name={t(`completionStatus.${s}`)} fill={STATUS_COLORS[s]} isAnimationActive={false} />
                    ))}
                  </BarChart>
                </figure>
              </Card>
            </Col>
          </Row>
          <Card
            size="small"
            title={
              <Space>
                <WarningOutlined style={{ color: '#cf1322' }} />
                {t('reports.overdueLeaders')}
                <Tag color={data.overdueLeaders.length ? 'red' : 'default'}>{data.overdueLeaders.length}</Tag>
              </Space>
            }
            data-testid="overdue-leaders"
          >
            {data.overdueLeaders.length === 0 ? (
              <EmptyState description={t('reports.overdueLeadersNone')} />
            ) : (
              <ItemList
                items={data.overdueLeaders.map((l) => ({
                  key: l.userId,
                  title: <Link to={`/admin/reports/records/${l.userId}?${query({ year })}`}>{l.name}</Link>,
                  description: `${l.unitName} · ${t(`common:tiers.${l.tier}`)}`,
                  extra: <Typography.Text type="danger">{t('reports.overdueLeaderHours', { earned: formatHours(l.earnedTotal), required: formatHours(l.requiredHours) })}</Typography.Text>,
                }))}
              />
            )}
          </Card>
        </>
      )}
    </Space>
  );
}
