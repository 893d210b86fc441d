import { Card, Col, Progress, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Cell, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { EmptyState } from '../../../components/PageState';
import type { AdminCampaignQuery, OccurrenceStatus } from '../../../gql/graphql';
import { shanghaiDateTime } from '../shared/time';

type Occurrence = AdminCampaignQuery['reminderCampaign']['occurrences'][number];

const COLORS = { sent: '#1f6f5c', failed: '#cf1322', pending: '#d48806', skipped: '#8c8c8c' } as const;
const OCCURRENCE_COLOR: Record<OccurrenceStatus, string> = { SCHEDULED: 'processing', SENDING: 'warning', SENT: 'success', CANCELLED: 'default' };

/** One sending of a campaign: its counts, a chart per channel, and why messages failed or were skipped. */
export function OccurrenceStats({ occurrence }: { occurrence: Occurrence }) {
  const { t } = useTranslation('admin');
  const s = occurrence.stats;
  const name = t('campaign.occurrence', { name: occurrence.eventName, date: occurrence.eventDate });
  const byChannel = s.channels.map((c) => ({
    channel: t(`channelsShort.${c.channel}`),
    sent: c.sent,
    failed: c.failed,
    pending: c.pending,
    skipped: c.skipped,
  }));
  const reasons = s.reasons.map((r) => ({
    key: `${r.channel}-${r.status}-${r.reason}`,
    label: `${t(`channelsShort.${r.channel}`)} · ${t(`campaign.reasons.${r.reason}`, { defaultValue: r.reason })}（${t(`campaign.reasonStatus.${r.status}`, { defaultValue: r.status })}）`,
    count: r.count,
    status: r.status,
  }));
  const rate = s.acknowledgementRate;

  return (
    <Card
      size="small"
      title={name}
      extra={
        <Space wrap>
          <Typography.Text type="secondary">
            {t('campaign.sendAt')} {shanghaiDateTime(occurrence.sendAt)}
          </Typography.Text>
          <Tag color={OCCURRENCE_COLOR[occurrence.status]} data-testid="occurrence-status">{t(`occurrenceStatus.${occurrence.status}`)}</Tag>
        </Space>
      }
      data-testid={`occurrence-${occurrence.id}`}
    >
      <Row gutter={[16, 16]}>
        {(['targeted', 'sent', 'failed', 'pending', 'skipped', 'acknowledged'] as const).map((k) => (
          <Col xs={8} md={4} key={k}>
            <Statistic title={t(`campaign.stats.${k}`)} value={s[k]} data-testid={`stat-${k}`} />
          </Col>
        ))}
      </Row>
      <div style={{ marginTop: 12 }}>
        <Typography.Text>{t('campaign.stats.ackRate')}</Typography.Text>
        {rate === null || rate === undefined ? (
          <Typography.Text type="secondary"> {t('campaign.stats.ackRateNone')}</Typography.Text>
        ) : (
          <Progress percent={Math.round(rate * 1000) / 10} aria-label={t('campaign.stats.ackRate')} />
        )}
      </div>
      {s.targeted === 0 ? null : (
        <Row gutter={[16, 16]} style={{ marginTop: 12 }}>
          <Col xs={24} lg={12}>
            <Typography.Text strong>{t('campaign.stats.byChannel')}</Typography.Text>
            <figure aria-label={t('campaign.stats.chartLabel', { name })} style={{ margin: '8px 0 0' }}>
              <BarChart responsive style={{ width: '100%', height: 240 }} data={byChannel} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="channel" />
                <YAxis allowDecimals={false} />
                <Tooltip />
                <Legend />
                {(['sent', 'failed', 'pending', 'skipped'] as const).map((k) => (
                  <Bar key={k} dataKey={k} name={t(`campaign.stats.${k}`)} stackId="status" fill={COLORS[k]} isAnimationActive={false} />
                ))}
              </BarChart>
            </figure>
          </Col>
          <Col xs={24} lg={12}>
            <Typography.Text strong>{t('campaign.stats.reasons')}</Typography.Text>
            {reasons.length === 0 ? (
              <EmptyState description={t('campaign.stats.reasonsNone')} />
            ) : (
              <>
                <figure aria-label={t('campaign.stats.reasonChartLabel', { name })} style={{ margin: '8px 0 0' }}>
                  <BarChart responsive layout="vertical" style={{ width: '100%', height: Math.max(120, reasons.length * 36 + 40) }} data={reasons} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
                    <CartesianGrid strokeDasharray="3 3" horizontal={false} />
                    <XAxis type="number" allowDecimals={false} />
                    <YAxis type="category" dataKey="label" width={150} />
                    <Tooltip />
                    <Bar dataKey="count" name={t('campaign.stats.count')} isAnimationActive={false}>
                      {reasons.map((r) => (
                        <Cell key={r.key} fill={r.status === 'FAILED' ? COLORS.failed : COLORS.skipped} />
                      ))}
                    </Bar>
                  </BarChart>
                </figure>
                <Table
                  size="small"
                  pagination={false}
                  rowKey="key"
                  dataSource={reasons}
                  columns={[
                    { title: t('campaign.stats.reasons'), dataIndex: 'label' },
                    { title: t('campaign.stats.count'), dataIndex: 'count', align: 'right' },
                  ]}
                />
              </>
            )}
          </Col>
        </Row>
      )}
    </Card>
  );
}
