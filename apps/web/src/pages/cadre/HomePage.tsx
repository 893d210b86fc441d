import { BellOutlined, CarOutlined, CheckCircleOutlined, ExclamationCircleOutlined, RightOutlined } from '@ant-design/icons';
import { useQuery } from '@apollo/client/react';
import { Badge, Card, Col, List, Progress, Row, Space, Statistic, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../../auth/AuthProvider';
import { EmptyState, QueryState } from '../../components/PageState';
import { graphql } from '../../gql';
import type { CompletionStatus } from '../../gql/graphql';
import { currentYear, formatDate, formatDateTime, formatHours } from '../../lib/time';

const CadreHomeDocument = graphql(`
  query CadreHome($year: Int!) {
    myCompletionRecord(year: $year) {
      year
      status
      requiredHours
      earnedTotal
      earnedCourse
      earnedQuiz
      earnedTour
      earnedCarry
      itemsDone
      itemsTotal
      dueAt
      missing {
        type
        id
        title
        dueAt
      }
    }
    studyTours(status: OPEN, first: 3) {
      totalCount
      nodes {
        id
        title
        destination
        startsAt
        seatsLeft
        mySignUp {
          status
        }
      }
    }
    myNotifications(first: 3, unreadOnly: true) {
      unreadCount
      nodes {
        id
        title
        createdAt
      }
    }
  }
`);

const STATUS_COLOR: Record<CompletionStatus, string> = { NOT_STARTED: 'default', IN_PROGRESS: 'processing', COMPLETED: 'success', OVERDUE: 'error' };

/** The cadre's home: this year's progress ring, what is still required, tours open for sign-up, unread reminders. */
export function HomePage() {
  const { t } = useTranslation('cadre');
  const { me } = useAuth();
  const year = currentYear();
  const query = useQuery(CadreHomeDocument, { variables: { year } });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('greeting', { name: me?.name })}
        </Typography.Title>
        <Typography.Text type="secondary">
          {t('unitTier', { unit: me?.unit.name, tier: me?.tier ? t(`common:tiers.${me.tier}`) : '' })}
        </Typography.Text>
      </div>
      <QueryState loading={query.loading} error={query.error} data={query.data} retry={() => void query.refetch()}>
        {(data) => {
          const r = data.myCompletionRecord;
          const percent = r.requiredHours > 0 ? Math.min(100, Math.round((r.earnedTotal / r.requiredHours) * 100)) : 100;
          return (
            <Row gutter={[16, 16]}>
              <Col xs={24} lg={12}>
                <Card title={t('progressTitle', { year: r.year })} extra={<Tag color={STATUS_COLOR[r.status]} data-testid="record-status">{t(`status.${r.status}`)}</Tag>}>
                  <Space size="large" wrap align="center">
                    <Progress type="circle" percent={percent} status={r.status === 'OVERDUE' ? 'exception' : r.status === 'COMPLETED' ? 'success' : 'normal'} aria-label={t('earnedOf', { earned: formatHours(r.earnedTotal), required: formatHours(r.requiredHours) })} />
                    <Space orientation="vertical" size={4}>
                      <Typography.Text strong data-testid="earned-hours">
                        {r.requiredHours > 0 ? t('earnedOf', { earned: formatHours(r.earnedTotal), required: formatHours(r.requiredHours) }) : t('noRequirement')}
                      </Typography.Text>
                      <Typography.Text type="secondary">{t('itemsDone', { done: r.itemsDone, total: r.itemsTotal })}</Typography.Text>
                      <Typography.Text type="secondary">{t('dueAt', { date: formatDate(r.dueAt) })}</Typography.Text>
                    </Space>
                  </Space>
                  <Row gutter={8} style={{ marginTop: 16 }}>
                    {(['course', 'quiz', 'tour', 'carry'] as const).map((k) => (
                      <Col span={6} key={k}>
                        <Statistic title={t(`sources.${k}`)} value={formatHours({ course: r.earnedCourse, quiz: r.earnedQuiz, tour: r.earnedTour, carry: r.earnedCarry }[k])} />
                      </Col>
                    ))}
                  </Row>
                  <div style={{ marginTop: 12, textAlign: 'right' }}>
                    <Link to="/study/record" data-testid="home-to-record">
                      {t('portal:home.toRecord')} <RightOutlined />
                    </Link>
                  </div>
                </Card>
              </Col>
              <Col xs={24} lg={12}>
                <Card title={t('missingTitle')}>
                  {r.missing.length === 0 ? (
                    <EmptyState description={<><CheckCircleOutlined /> {t('missingNone')}</>} />
                  ) : (
                    <List
                      dataSource={r.missing}
                      renderItem={(m) => (
                        <List.Item key={`${m.type}-${m.id ?? m.title}`}>
                          <List.Item.Meta avatar={<ExclamationCircleOutlined style={{ color: '#d48806' }} />} title={<Link to={missingLink(m)}>{m.title}</Link>} description={m.dueAt ? t('dueAt', { date: formatDate(m.dueAt) }) : undefined} />
                          <Tag>{t(`missingTypes.${m.type}`, { defaultValue: m.type })}</Tag>
                        </List.Item>
                      )}
                    />
                  )}
                </Card>
              </Col>
              <Col xs={24} lg={12}>
                <Card title={<><CarOutlined /> {t('toursTitle')}</>} extra={<Link to="/study/tours">{t('portal:home.allTours')}</Link>}>
                  {data.studyTours.nodes.length === 0 ? (
                    <EmptyState description={t('toursNone')} />
                  ) : (
                    <List
                      dataSource={data.studyTours.nodes}
                      renderItem={(tour) => (
                        <List.Item key={tour.id}>
                          <List.Item.Meta title={<Link to={`/study/tours/${tour.id}`}>{tour.title}</Link>} description={`${tour.destination} · ${formatDateTime(tour.startsAt)}`} />
                          <Tag color={tour.seatsLeft > 0 ? 'green' : 'orange'}>{t('seatsLeft', { count: tour.seatsLeft })}</Tag>
                        </List.Item>
                      )}
                    />
                  )}
                </Card>
              </Col>
              <Col xs={24} lg={12}>
                <Card
                  title={
                    <Space>
                      <BellOutlined />
                      {t('remindersTitle')}
                      <Badge count={data.myNotifications.unreadCount} data-testid="unread-count" />
                    </Space>
                  }
                  extra={<Link to="/study/inbox">{t('portal:home.toInbox')}</Link>}
                >
                  {data.myNotifications.nodes.length === 0 ? (
                    <EmptyState description={t('remindersNone')} />
                  ) : (
                    <List
                      dataSource={data.myNotifications.nodes}
                      renderItem={(n) => (
                        <List.Item key={n.id}>
                          <List.Item.Meta title={<Link to={`/study/inbox?open=${n.id}`}>{n.title}</Link>} description={formatDateTime(n.createdAt)} />
                        </List.Item>
                      )}
                    />
                  )}
                </Card>
              </Col>
            </Row>
          );
        }}
      </QueryState>
    </Space>
  );
}

/** Where a missing item is done: the course itself, or the quizzes page for the integrity exam and the commitment letter signed after it. */
function missingLink(m: { type: string; id?: string | null }): string {
  return m.type === 'COURSE' && m.id ? `/study/courses/${m.id}` : m.type === 'COURSE' ? '/study/courses' : '/study/quizzes';
}
