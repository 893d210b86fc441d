import { CheckCircleFilled, SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Badge, Button, Card, List, Modal, Segmented, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { apiProblem, problemText } from '../../../components/errors';
import { LoadMore } from '../../../components/LoadMore';
import { EmptyState, QueryState } from '../../../components/PageState';
import { graphql } from '../../../gql';
import type { PortalInboxQuery } from '../../../gql/graphql';
import { formatDateTime } from '../../../lib/time';
import { UnreadCountDocument } from './InboxMenuIcon';

const PAGE = 20;

const InboxDocument = graphql(`
  query PortalInbox($unreadOnly: Boolean, $first: Int, $after: String) {
    myNotifications(unreadOnly: $unreadOnly, first: $first, after: $after) {
      totalCount
      unreadCount
      pageInfo {
        endCursor
        hasNextPage
      }
      nodes {
        id
        kind
        title
        body
        data
        readAt
        acknowledgedAt
        createdAt
      }
    }
  }
`);

const MarkReadDocument = graphql(`
  mutation PortalMarkNotificationRead($id: ID!) {
    markNotificationRead(id: $id) {
      id
      readAt
    }
  }
`);

const AcknowledgeDocument = graphql(`
  mutation PortalAcknowledgeNotification($id: ID!) {
    acknowledgeNotification(id: $id) {
      id
      readAt
      acknowledgedAt
    }
  }
`);

type Notification = PortalInboxQuery['myNotifications']['nodes'][number];
type Filter = 'ALL' | 'UNREAD';

/** Clean-government reminders ask for "read and will comply" (已阅并承诺遵守). */
const needsAcknowledgement = (n: Pick<Notification, 'kind'>) => n.kind === 'REMINDER';

/** My inbox: reminders and notices, newest first; opening one marks it read, a reminder is answered "read and will comply". */
export function InboxPage() {
  const { t } = useTranslation('portal');
  const [filter, setFilter] = useState<Filter>('ALL');
  const [params, setParams] = useSearchParams();
  const [openId, setOpenId] = useState<string | null>(() => params.get('open'));
  const [snapshot, setSnapshot] = useState<Notification | null>(null);
  const query = useQuery(InboxDocument, { variables: { unreadOnly: filter === 'UNREAD', first: PAGE } });
  const [markRead] = useMutation(MarkReadDocument, { refetchQueries: [UnreadCountDocument, InboxDocument] });

  const nodes = query.data?.myNotifications.nodes;
  // the open message stays on screen even when the unread filter drops it from the list
  const open = (openId && nodes?.find((n) => n.id === openId)) || (snapshot?.id === openId ? snapshot : null);

  const show = useCallback(
    (n: Notification) => {
      setOpenId(n.id);
      setSnapshot(n);
      if (!n.readAt) void markRead({ variables: { id: n.id } }).catch(() => undefined);
    },
    [markRead],
  );
  // a link from the home page opens its message (when it is on the first page)
  useEffect(() => {
    const wanted = params.get('open');
    if (!wanted || !nodes) return;
    const found = nodes.find((n) => n.id === wanted);
    if (found) show(found);
    setParams({}, { replace: true });
  }, [nodes, params, setParams, show]);

  const close = () => {
    setOpenId(null);
    setSnapshot(null);
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('inbox.title')}
      </Typography.Title>
      <Segmented<Filter>
        aria-label={t('inbox.filter')}
        value={filter}
        onChange={setFilter}
        options={[
          { value: 'ALL', label: t('inbox.all') },
          {
            value: 'UNREAD',
            label: (
              <Space size={4}>
                {t('inbox.unread')}
                <Badge count={query.data?.myNotifications.unreadCount ?? 0} size="small" data-testid="inbox-unread-count" />
              </Space>
            ),
          },
        ]}
      />
      <QueryState loading={query.loading} error={query.error} data={query.data} retry={() => void query.refetch()}>
        {(data) =>
          data.myNotifications.nodes.length === 0 ? (
            <EmptyState description={t(filter === 'UNREAD' ? 'inbox.noneUnread' : 'inbox.none')} />
          ) : (
            <>
              <Typography.Text type="secondary" data-testid="inbox-count">
                {t('inbox.count', { count: data.myNotifications.totalCount, unread: data.myNotifications.unreadCount })}
              </Typography.Text>
              <Card size="small" styles={{ body: { padding: '0 12px' } }}>
                <List
                  dataSource={data.myNotifications.nodes}
                  renderItem={(n) => (
                    <List.Item key={n.id} data-testid={`notification-${n.id}`}>
                      <List.Item.Meta
                        avatar={<Badge dot={!n.readAt} aria-hidden />}
                        title={
                          <Button type="link" onClick={() => show(n)} style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left', fontWeight: n.readAt ? 400 : 600 }}>
                            {n.title}
                          </Button>
                        }
                        description={
                          <Space size={[4, 4]} wrap>
                            <span>{formatDateTime(n.createdAt)}</span>
                            {!n.readAt && <Tag color="red">{t('inbox.unreadTag')}</Tag>}
                            {needsAcknowledgement(n) && <Tag color="green">{t('inbox.reminderTag')}</Tag>}
                            {needsAcknowledgement(n) && (n.acknowledgedAt ? <Tag color="success">{t('inbox.acknowledgedTag')}</Tag> : <Tag color="warning">{t('inbox.awaitingTag')}</Tag>)}
                          </Space>
                        }
                      />
                    </List.Item>
                  )}
                />
              </Card>
              <LoadMore query={query} field="myNotifications" label={t('loadMore')} />
            </>
          )
        }
      </QueryState>
      <Modal open={Boolean(open)} title={open?.title} onCancel={close} footer={null} destroyOnHidden>
        {open && <NotificationBody notification={open} onAcknowledged={(ack) => setSnapshot({ ...open, ...ack })} />}
      </Modal>
    </Space>
  );
}

function NotificationBody({ notification: n, onAcknowledged }: { notification: Notification; onAcknowledged: (ack: Pick<Notification, 'readAt' | 'acknowledgedAt'>) => void }) {
  const { t } = useTranslation('portal');
  const [acknowledge, acknowledging] = useMutation(AcknowledgeDocument, { refetchQueries: [UnreadCountDocument, InboxDocument] });
  const [error, setError] = useState<string | null>(null);
  const tourId = typeof n.data.tourId === 'string' ? n.data.tourId : null;
  const year = typeof n.data.year === 'number' ? n.data.year : null;

  const onAcknowledge = async () => {
    setError(null);
    try {
      const res = await acknowledge({ variables: { id: n.id } });
      onAcknowledged(res.data!.acknowledgeNotification);
    } catch (e) {
      setError(problemText(apiProblem(e), t));
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="notification-body">
      <Typography.Text type="secondary">{formatDateTime(n.createdAt)}</Typography.Text>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', fontSize: 16, lineHeight: 1.8, margin: 0 }}>{n.body}</Typography.Paragraph>
      {tourId && <Link to={`/study/tours/${tourId}`}>{t('inbox.toTour')}</Link>}
      {year !== null && n.kind.startsWith('COMPLETION') && !n.data.userId && <Link to="/study/record">{t('inbox.toRecord')}</Link>}
      {error && <Alert type="error" showIcon title={error} />}
      {needsAcknowledgement(n) &&
        (n.acknowledgedAt ? (
          <Alert type="success" showIcon icon={<CheckCircleFilled />} title={t('inbox.acknowledgedAt', { date: formatDateTime(n.acknowledgedAt) })} data-testid="acknowledged" />
        ) : (
          <Space orientation="vertical" size={4} style={{ width: '100%' }}>
            <Typography.Text type="secondary">{t('inbox.acknowledgeHint')}</Typography.Text>
            <Button type="primary" size="large" block icon={<SafetyCertificateOutlined />} loading={acknowledging.loading} onClick={() => void onAcknowledge()}>
              {t('inbox.acknowledge')}
            </Button>
          </Space>
        ))}
    </Space>
  );
}
