import { ArrowLeftOutlined, CheckCircleOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import { useQuery } from '@apollo/client/react';
import { Card, Col, Descriptions, Progress, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { EmptyState, ErrorState, Loading } from '../../../components/PageState';
import { graphql } from '../../../gql';
import { formatHours } from '../../../lib/time';
import { shanghaiDate, shanghaiDateTime } from '../shared/time';
import { ItemList } from '../shared/ItemList';
import { useUnitDirectory } from '../shared/units';
import { query, STATUS_COLOR, useReportFilters } from './shared';

const RecordDocument = graphql(`
  query AdminCompletionRecord($userId: ID!, $year: Int!) {
    completionRecord(userId: $userId, year: $year) {
      userId
      unitId
      year
      tier
      status
      requiredHours
      requiredCourseHours
      filmHours
      earnedTotal
      earnedCourse
      earnedQuiz
      earnedTour
      earnedCarry
      itemsDone
      itemsTotal
      dueAt
      completedAt
      computedAt
      certificateCode
      person {
        id
        name
        isLeading
      }
      missing {
        type
        id
        title
        dueAt
      }
      credits {
        source
        sourceId
        title
        hours
        earnedAt
      }
      tierHistory {
        at
        from
        to
      }
    }
  }
`);

/** One cadre's record of a year: hours by source, the ledger behind them, what is still missing. */
export function RecordPage() {
  const { userId } = useParams();
  const { t } = useTranslation('admin');
  const filters = useReportFilters();
  const { directory: units } = useUnitDirectory();
  const record = useQuery(RecordDocument, { variables: { userId: userId!, year: filters.year } });
  const back = `/admin/reports/records?${query({ year: filters.year, unitId: filters.unitId, tier: filters.tier, status: filters.status })}`;

  if (record.error && !record.data) return <ErrorState error={record.error} onRetry={() => void record.refetch()} />;
  if (!record.data) return <Loading rows={8} />;
  const r = record.data.completionRecord;
  const percent = r.requiredHours > 0 ? Math.min(100, Math.round((r.earnedTotal / r.requiredHours) * 100)) : 100;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Link to={back}>
        <ArrowLeftOutlined /> {t('record.back')}
      </Link>
      <Space wrap>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="record-title">
          {t('record.title', { name: r.person.name, year: r.year })}
        </Typography.Title>
        {r.person.isLeading && <Tag color="gold">{t('records.leading')}</Tag>}
        <Tag color={STATUS_COLOR[r.status]} data-testid="record-status">
          {t(`completionStatus.${r.status}`)}
        </Tag>
      </Space>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card size="small">
            <Space size="large" wrap align="center">
              <Progress type="circle" percent={percent} size={100} format={(p) => `${p ?? 0}%`} status={r.status === 'OVERDUE' ? 'exception' : r.status === 'COMPLETED' ? 'success' : 'normal'} aria-label={t('record.earned')} />
              <Descriptions
                size="small"
                column={1}
                items={[
                  { key: 'unit', label: t('records.columns.unit'), children: units?.byId.get(r.unitId)?.name ?? '…' },
                  { key: 'tier', label: t('records.columns.tier'), children: t(`common:tiers.${r.tier}`) },
                  { key: 'hours', label: t('record.earned'), children: <span data-testid="record-hours">{t('records.hours', { earned: formatHours(r.earnedTotal), required: formatHours(r.requiredHours) })}</span> },
                  { key: 'items', label: t('record.items'), children: t('records.items', { done: r.itemsDone, total: r.itemsTotal }) },
                  { key: 'due', label: t('record.due'), children: shanghaiDate(r.dueAt) },
                  ...(r.completedAt ? [{ key: 'completed', label: t('record.completedAt'), children: shanghaiDateTime(r.completedAt) }] : []),
                  ...(r.certificateCode ? [{ key: 'certificate', label: t('record.certificate'), children: <Typography.Text code>{r.certificateCode}</Typography.Text> }] : []),
                  { key: 'computed', label: t('record.computedAt'), children: shanghaiDateTime(r.computedAt) },
                ]}
              />
            </Space>
            <Row gutter={8} style={{ marginTop: 16 }}>
              {(['course', 'quiz', 'tour', 'carry'] as const).map((k) => (
                <Col span={6} key={k}>
                  <Statistic title={t(`record.sources.${k}`)} value={formatHours({ course: r.earnedCourse, quiz: r.earnedQuiz, tour: r.earnedTour, carry: r.earnedCarry }[k])} />
                </Col>
              ))}
            </Row>
            <Row gutter={8} style={{ marginTop: 8 }}>
              <Col span={12}>
                <Statistic title={t('record.requiredCourse')} value={formatHours(r.requiredCourseHours)} />
              </Col>
              <Col span={12}>
                <Statistic title={t('record.film')} value={formatHours(r.filmHours)} />
              </Col>
            </Row>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('record.missing')}>
            {r.missing.length === 0 ? (
              <EmptyState
                description={
                  <>
                    <CheckCircleOutlined /> {t('record.missingNone')}
                  </>
                }
              />
            ) : (
              <ItemList
                items={r.missing.map((m) => ({
                  key: `${m.type}-${m.id ?? m.title}`,
                  icon: <ExclamationCircleOutlined style={{ color: '#d48806' }} />,
                  title: m.title,
                  description: m.dueAt ? `${t('record.due')} ${shanghaiDate(m.dueAt)}` : undefined,
                  extra: <Tag>{t(`record.missingTypes.${m.type}`, { defaultValue: m.type })}</Tag>,
                }))}
              />
            )}
          </Card>
          {r.tierHistory.length > 0 && (
            <Card size="small" title={t('record.tierHistory')} style={{ marginTop: 16 }}>
              <ItemList
                items={r.tierHistory.map((h) => ({
                  key: h.at,
                  title: t('record.tierChange', { at: shanghaiDate(h.at), from: t(`common:tiers.${h.from}`), to: t(`common:tiers.${h.to}`) }),
                }))}
              />
            </Card>
          )}
        </Col>
      </Row>
      <Card size="small" title={t('record.credits')}>
        <Table
          size="small"
          pagination={r.credits.length > 20 ? { pageSize: 20 } : false}
          rowKey={(c) => `${c.source}-${c.sourceId}`}
          dataSource={r.credits}
          scroll={{ x: 560 }}
          locale={{ emptyText: <EmptyState description={t('record.creditsNone')} /> }}
          columns={[
            { title: t('record.creditColumns.title'), dataIndex: 'title' },
            { title: t('record.creditColumns.source'), dataIndex: 'source', render: (s: string) => t(`record.creditSources.${s}`, { defaultValue: s }) },
            { title: t('record.creditColumns.hours'), dataIndex: 'hours', align: 'right', render: (h: number) => formatHours(h) },
            { title: t('record.creditColumns.earnedAt'), dataIndex: 'earnedAt', render: (d: string) => shanghaiDateTime(d) },
          ]}
        />
      </Card>
    </Space>
  );
}
