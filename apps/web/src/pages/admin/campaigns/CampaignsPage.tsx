import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@apollo/client/react';
import { Button, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { EmptyState, ErrorState } from '../../../components/PageState';
import { graphql } from '../../../gql';
import type { AdminCampaignsQuery, CampaignStatus, ReminderTrigger } from '../../../gql/graphql';
import { shanghaiDateTime } from '../shared/time';
import { CursorPager } from '../../../components/CursorPager';
import { useCursorPages } from '../../../lib/paging';
import { CAMPAIGN_STATUSES, STATUS_COLOR, TRIGGERS, triggerSummary } from './shared';

const PAGE = 20;

const CampaignsDocument = graphql(`
  query AdminCampaigns($status: CampaignStatus, $triggerKind: ReminderTrigger, $first: Int, $after: String) {
    reminderCampaigns(status: $status, triggerKind: $triggerKind, first: $first, after: $after) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      nodes {
        ...AdminCampaignFields
        occurrences {
          id
          sendAt
          status
        }
      }
    }
  }
`);

type Row = AdminCampaignsQuery['reminderCampaigns']['nodes'][number];

/** The campaigns of the administrator's units, newest first, with their status and next sending. */
export function CampaignsPage() {
  const { t } = useTranslation('admin');
  const navigate = useNavigate();
  const [status, setStatus] = useState<CampaignStatus | undefined>();
  const [triggerKind, setTriggerKind] = useState<ReminderTrigger | undefined>();
  const pages = useCursorPages({ size: PAGE });
  const query = useQuery(CampaignsDocument, { variables: { status, triggerKind, first: pages.first, after: pages.after } });
  const data = query.data ?? query.previousData;

  const columns = [
    {
      title: t('campaigns.columns.name'),
      key: 'name',
      render: (_: unknown, c: Row) => <Link to={`/admin/campaigns/${c.id}`}>{c.name}</Link>,
    },
    { title: t('campaigns.columns.trigger'), key: 'trigger', render: (_: unknown, c: Row) => triggerSummary(c, t) },
    {
      title: t('campaigns.columns.channels'),
      key: 'channels',
      render: (_: unknown, c: Row) => (
        <Space size={[4, 4]} wrap>
          {c.channels.map((ch) => (
            <Tag key={ch}>{t(`channelsShort.${ch}`)}</Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('campaigns.columns.status'),
      key: 'status',
      render: (_: unknown, c: Row) => (
        <Tag color={STATUS_COLOR[c.status]} data-testid={`campaign-status-${c.id}`}>
          {t(`status.${c.status}`)}
        </Tag>
      ),
    },
    {
      title: t('campaigns.columns.next'),
      key: 'next',
      render: (_: unknown, c: Row) => {
        const next = c.occurrences
          .filter((o) => o.status === 'SCHEDULED' || o.status === 'SENDING')
          .map((o) => o.sendAt)
          .sort()[0];
        return next ? shanghaiDateTime(next) : t('campaigns.nextNone');
      },
    },
    { title: t('campaigns.columns.updated'), key: 'updated', render: (_: unknown, c: Row) => shanghaiDateTime(c.updatedAt) },
  ];

  const filtered = Boolean(status || triggerKind);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <div>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('campaigns.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('campaigns.intro')}</Typography.Text>
        </div>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/admin/campaigns/new')}>
          {t('campaigns.create')}
        </Button>
      </Space>
      <Space wrap>
        <Select
          allowClear
          style={{ width: 160 }}
          placeholder={t('campaigns.allStatuses')}
          aria-label={t('campaigns.filterStatus')}
          value={status}
          onChange={(v: CampaignStatus | undefined) => {
            setStatus(v);
            pages.reset();
          }}
          options={CAMPAIGN_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
        />
        <Select
          allowClear
          style={{ width: 160 }}
          placeholder={t('campaigns.allTriggers')}
          aria-label={t('campaigns.filterTrigger')}
          value={triggerKind}
          onChange={(v: ReminderTrigger | undefined) => {
            setTriggerKind(v);
            pages.reset();
          }}
          options={TRIGGERS.map((k) => ({ value: k, label: t(`triggers.${k}`) }))}
        />
      </Space>
      {query.error && !data ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <>
          <Table<Row>
            rowKey="id"
            loading={query.loading}
            dataSource={data?.reminderCampaigns.nodes ?? []}
            columns={columns}
            pagination={false}
            scroll={{ x: 820 }}
            locale={{ emptyText: query.loading ? ' ' : <EmptyState description={filtered ? t('campaigns.noneFiltered') : t('campaigns.none')} /> }}
          />
          {data && data.reminderCampaigns.totalCount > 0 && (
            <CursorPager
              pages={pages}
              totalCount={data.reminderCampaigns.totalCount} pageInfo={data.reminderCampaigns.pageInfo}
              loading={query.loading}
            />
          )}
        </>
      )}
    </Space>
  );
}
