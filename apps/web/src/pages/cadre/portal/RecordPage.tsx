import { CheckCircleOutlined, DownloadOutlined, ExclamationCircleOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useQuery } from '@apollo/client/react';
import { Alert, Button, Card, Col, List, Progress, Row, Select, Space, Statistic, Tag, Timeline, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState, QueryState } from '../../../components/PageState';
import { graphql } from '../../../gql';
import type { CompletionStatus, PortalRecordQuery } from '../../../gql/graphql';
import { currentYear, formatDate, formatDateTime, formatHours } from '../../../lib/time';
import { downloadWithToken, HttpProblem } from '../../../lib/http';

const YearsDocument = graphql(`
  query PortalRecordYears {
    myCompletionYears
  }
`);

const RecordDocument = graphql(`
  query PortalRecord($year: Int!) {
    myCompletionRecord(year: $year) {
      year
      status
      tier
      requiredHours
      earnedTotal
      earnedCourse
      earnedQuiz
      earnedTour
      earnedCarry
      filmHours
      requiredCourseHours
      itemsDone
      itemsTotal
      dueAt
      completedAt
      computedAt
      certificateCode
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

type CompletionRecord = PortalRecordQuery['myCompletionRecord'];

const STATUS_COLOR: { [s in CompletionStatus]: string } = { NOT_STARTED: 'default', IN_PROGRESS: 'processing', COMPLETED: 'success', OVERDUE: 'error' };
const SOURCE_COLOR: { [s: string]: string } = { COURSE: 'blue', QUIZ: 'purple', TOUR: 'green' };
const SOURCE_PATH: { [s: string]: string } = { COURSE: '/study/courses/', QUIZ: '/study/quizzes/', TOUR: '/study/tours/' };

/** My completion record of a year: required against earned hours, where every hour came from, the required items, and the certificate once completed. */
export function RecordPage() {
  const { t } = useTranslation('portal');
  const [year, setYear] = useState(currentYear);
  const years = useQuery(YearsDocument);
  const query = useQuery(RecordDocument, { variables: { year } });
  const options = (years.data?.myCompletionYears ?? [currentYear()]).map((y) => ({ value: y, label: t('record.yearOption', { year: y }) }));

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('record.title')}
        </Typography.Title>
        <Select aria-label={t('record.year')} value={year} onChange={setYear} options={options} style={{ width: 130 }} loading={years.loading} data-testid="record-year" />
      </Space>
      <QueryState loading={query.loading} error={query.error} data={query.data} retry={() => void query.refetch()}>
        {({ myCompletionRecord: r }) => <RecordView record={r} startPolling={query.startPolling} stopPolling={query.stopPolling} />}
      </QueryState>
    </Space>
  );
}

function RecordView({ record: r, startPolling, stopPolling }: { record: CompletionRecord; startPolling: (ms: number) => void; stopPolling: () => void }) {
  const { t } = useTranslation('portal');
  const percent = r.requiredHours > 0 ? Math.min(100, Math.round((r.earnedTotal / r.requiredHours) * 100)) : 100;
  // the breakdown is the live ledger; the totals are from the last computation, which the worker redoes after each learning event
  const ledger = r.credits.reduce((sum, c) => sum + c.hours, 0);
  const stale = Math.abs(ledger - (r.earnedCourse + r.earnedQuiz + r.earnedTour)) > 0.001;
  useEffect(() => {
    if (!stale) return;
    startPolling(3000);
    return () => stopPolling();
  }, [stale, startPolling, stopPolling]);

  const credits = [...r.credits].sort((a, b) => b.earnedAt.localeCompare(a.earnedAt));
  const sources = [
    { key: 'course', hours: r.earnedCourse },
    { key: 'quiz', hours: r.earnedQuiz },
    { key: 'tour', hours: r.earnedTour },
    { key: 'carry', hours: r.earnedCarry },
  ] as const;

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <Card
          title={t('record.yearTitle', { year: r.year })}
          extra={
            <Tag color={STATUS_COLOR[r.status]} data-testid="record-status">
              {t(`record.status.${r.status}`)}
            </Tag>
          }
        >
          <Space orientation="vertical" size={6} style={{ width: '100%' }}>
            <Typography.Text strong data-testid="record-hours">
              {r.requiredHours > 0 ? t('record.earnedOf', { earned: formatHours(r.earnedTotal), required: formatHours(r.requiredHours) }) : t('record.noRequirement', { earned: formatHours(r.earnedTotal) })}
            </Typography.Text>
            <Progress
              percent={percent}
              status={r.status === 'OVERDUE' ? 'exception' : r.status === 'COMPLETED' ? 'success' : 'normal'}
              aria-label={t('record.progress')}
            />
            <Typography.Text type="secondary">{t('record.tier', { tier: t(`common:tiers.${r.tier}`) })}</Typography.Text>
            <Typography.Text type={r.status === 'OVERDUE' ? 'danger' : 'secondary'}>{t('record.dueAt', { date: formatDate(r.dueAt) })}</Typography.Text>
            {r.completedAt && <Typography.Text type="success">{t('record.completedAt', { date: formatDateTime(r.completedAt) })}</Typography.Text>}
            <Typography.Text type="secondary">{t('record.computedAt', { date: formatDateTime(r.computedAt) })}</Typography.Text>
            {stale && <Alert type="info" showIcon title={t('record.recomputing')} data-testid="record-recomputing" />}
          </Space>
        </Card>
      </Col>

      {r.status === 'COMPLETED' && r.certificateCode && (
        <Col xs={24} lg={12}>
          <Certificate year={r.year} code={r.certificateCode} />
        </Col>
      )}

      <Col xs={24} lg={12}>
        <Card title={t('record.bySource')}>
          <Row gutter={[8, 16]}>
            {sources.map((s) => (
              <Col span={6} key={s.key}>
                <Statistic title={t(`record.sources.${s.key}`)} value={formatHours(s.hours)} />
              </Col>
            ))}
          </Row>
          <Space orientation="vertical" size={2} style={{ marginTop: 12 }}>
            <Typography.Text type="secondary">{t('record.requiredCourseHours', { hours: formatHours(r.requiredCourseHours) })}</Typography.Text>
            <Typography.Text type="secondary">{t('record.filmHours', { hours: formatHours(r.filmHours) })}</Typography.Text>
          </Space>
        </Card>
      </Col>

      <Col xs={24} lg={12}>
        <Card title={t('record.breakdown')}>
          {credits.length === 0 && r.earnedCarry === 0 ? (
            <EmptyState description={t('record.noCredits', { year: r.year })} />
          ) : (
            <List
              dataSource={credits}
              renderItem={(c) => (
                <List.Item key={`${c.source}-${c.sourceId}`} data-testid={`credit-${c.source}-${c.sourceId}`}>
                  <List.Item.Meta
                    title={SOURCE_PATH[c.source] ? <Link to={`${SOURCE_PATH[c.source]}${c.sourceId}`}>{c.title}</Link> : c.title}
                    description={
                      <Space size={4} wrap>
                        <Tag color={SOURCE_COLOR[c.source]}>{t(`record.creditSources.${c.source}`, { defaultValue: c.source })}</Tag>
                        <span>{formatDate(c.earnedAt)}</span>
                      </Space>
                    }
                  />
                  <Typography.Text strong style={{ whiteSpace: 'nowrap' }}>
                    {t('record.hours', { hours: formatHours(c.hours), count: c.hours })}
                  </Typography.Text>
                </List.Item>
              )}
              footer={
                <Space orientation="vertical" size={2}>
                  {r.earnedCarry > 0 && <Typography.Text>{t('record.carryLine', { hours: formatHours(r.earnedCarry), count: r.earnedCarry })}</Typography.Text>}
                  <Typography.Text strong>{t('record.ledgerTotal', { hours: formatHours(ledger + r.earnedCarry), count: ledger + r.earnedCarry })}</Typography.Text>
                </Space>
              }
            />
          )}
        </Card>
      </Col>

      <Col xs={24} lg={12}>
        <Card title={t('record.items', { done: r.itemsDone, total: r.itemsTotal })}>
          {r.itemsTotal === 0 ? (
            <EmptyState description={t('record.noItems', { year: r.year })} />
          ) : r.missing.length === 0 ? (
            <EmptyState description={<><CheckCircleOutlined /> {t('record.itemsAllDone')}</>} />
          ) : (
            <List
              header={<Typography.Text type="secondary">{t('record.missingTitle')}</Typography.Text>}
              dataSource={r.missing}
              renderItem={(m) => (
                <List.Item key={`${m.type}-${m.id ?? m.title}`}>
                  <List.Item.Meta
                    avatar={<ExclamationCircleOutlined style={{ color: '#d48806' }} />}
                    title={m.type === 'COURSE' && m.id ? <Link to={`/study/courses/${m.id}`}>{m.title}</Link> : m.title}
                    description={m.dueAt ? t('record.itemDue', { date: formatDate(m.dueAt) }) : undefined}
                  />
                  <Tag>{t(`record.missingTypes.${m.type}`, { defaultValue: m.type })}</Tag>
                </List.Item>
              )}
            />
          )}
        </Card>
      </Col>

      <Col xs={24} lg={12}>
        <Card title={t('record.history')}>
          {r.tierHistory.length === 0 ? (
            <Typography.Text type="secondary">{t('record.noHistory', { year: r.year, tier: t(`common:tiers.${r.tier}`) })}</Typography.Text>
          ) : (
            <Timeline
              items={r.tierHistory.map((h) => ({
                key: h.at,
                title: formatDateTime(h.at),
                content: t('record.tierChange', { from: t(`common:tiers.${h.from}`), to: t(`common:tiers.${h.to}`) }),
              }))}
            />
          )}
        </Card>
      </Col>
    </Row>
  );
}

/** The certificate of a completed year: a PDF fetched with my session, and the code anyone can check. */
function Certificate({ year, code }: { year: number; code: string }) {
  const { t } = useTranslation('portal');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const download = async () => {
    setBusy(true);
    setError(null);
    try {
      await downloadWithToken(`/certificates/${year}.pdf`, t('record.certificateFile', { year }));
    } catch (e) {
      setError(e instanceof HttpProblem && e.status ? e.message : t('common:offline'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={<><SafetyCertificateOutlined /> {t('record.certificate')}</>}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text>{t('record.certificateText', { year })}</Typography.Text>
        <Typography.Text type="secondary">
          {t('record.certificateCode')} <Typography.Text code copyable>{code}</Typography.Text>
        </Typography.Text>
        <Typography.Text type="secondary">{t('record.certificateVerify')}</Typography.Text>
        {error && <Alert type="error" showIcon title={t('record.certificateFailed')} description={error} />}
        <Button type="primary" icon={<DownloadOutlined />} loading={busy} onClick={() => void download()} block>
          {t('record.downloadCertificate')}
        </Button>
      </Space>
    </Card>
  );
}
