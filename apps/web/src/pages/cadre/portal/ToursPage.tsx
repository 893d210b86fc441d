import { CalendarOutlined, ClockCircleOutlined, EnvironmentOutlined, TeamOutlined } from '@ant-design/icons';
import { useQuery } from '@apollo/client/react';
import { Card, List, Segmented, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LoadMore } from '../../../components/LoadMore';
import { EmptyState, QueryState } from '../../../components/PageState';
import { graphql } from '../../../gql';
import type { PortalToursQuery } from '../../../gql/graphql';
import { formatDateTime, formatHours } from '../../../lib/time';
import { SignUpTag, signUpWindow, TourKindTag, TourStatusTag } from './tourLabels';

const PAGE = 10;

const ToursDocument = graphql(`
  query PortalTours($status: TourStatus, $first: Int, $after: String) {
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
        classHours
        capacity
        seatsLeft
        status
        approvalRequired
        signUpOpensAt
        signUpClosesAt
        mySignUp {
          id
          status
          waitlistPosition
          checkedInAt
          attendance
        }
      }
    }
  }
`);

type Tour = PortalToursQuery['studyTours']['nodes'][number];
type Filter = 'OPEN' | 'ALL';

/** Study tours I may join: those open for sign-up, or every published one, a page at a time. */
export function ToursPage() {
  const { t } = useTranslation('portal');
  const [filter, setFilter] = useState<Filter>('OPEN');
  const query = useQuery(ToursDocument, { variables: { status: filter === 'OPEN' ? 'OPEN' : undefined, first: PAGE } });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('tours.title')}
      </Typography.Title>
      <Typography.Text type="secondary">{t('tours.intro')}</Typography.Text>
      <Segmented<Filter>
        aria-label={t('tours.filter')}
        value={filter}
        onChange={setFilter}
        options={[
          { value: 'OPEN', label: t('tours.filterOpen') },
          { value: 'ALL', label: t('tours.filterAll') },
        ]}
      />
      <QueryState loading={query.loading} error={query.error} data={query.data} retry={() => void query.refetch()}>
        {(data) =>
          data.studyTours.nodes.length === 0 ? (
            <EmptyState description={t(filter === 'OPEN' ? 'tours.noneOpen' : 'tours.none')} />
          ) : (
            <>
              <Typography.Text type="secondary" data-testid="tour-count">
                {t('tours.count', { count: data.studyTours.totalCount })}
              </Typography.Text>
              <List
                dataSource={data.studyTours.nodes}
                renderItem={(tour) => (
                  <List.Item key={tour.id} style={{ padding: 0, border: 'none', marginBottom: 12 }}>
                    <TourCard tour={tour} />
                  </List.Item>
                )}
              />
              <LoadMore query={query} field="studyTours" label={t('loadMore')} />
            </>
          )
        }
      </QueryState>
    </Space>
  );
}

function TourCard({ tour }: { tour: Tour }) {
  const { t } = useTranslation('portal');
  const phase = signUpWindow(tour);
  return (
    <Card size="small" style={{ width: '100%' }} data-testid={`tour-${tour.id}`}>
      <Space orientation="vertical" size={4} style={{ width: '100%' }}>
        <Link to={`/study/tours/${tour.id}`} style={{ fontSize: 16, fontWeight: 600 }}>
          {tour.title}
        </Link>
        <Space size={[4, 4]} wrap>
          <TourKindTag kind={tour.kind} />
          {tour.status !== 'OPEN' && <TourStatusTag status={tour.status} />}
          <Tag>{t('tours.hours', { hours: formatHours(tour.classHours), count: tour.classHours })}</Tag>
          {tour.approvalRequired && <Tag>{t('tours.approvalTag')}</Tag>}
          {tour.mySignUp && <SignUpTag signUp={tour.mySignUp} />}
        </Space>
        <Typography.Text>
          <EnvironmentOutlined /> {tour.destination}
        </Typography.Text>
        <Typography.Text>
          <CalendarOutlined /> {t('tours.when', { start: formatDateTime(tour.startsAt), end: formatDateTime(tour.endsAt) })}
        </Typography.Text>
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <Typography.Text type={tour.seatsLeft > 0 ? undefined : 'warning'}>
            <TeamOutlined /> {tour.seatsLeft > 0 ? t('tours.seatsLeft', { count: tour.seatsLeft, capacity: tour.capacity }) : t('tours.full', { capacity: tour.capacity, count: tour.capacity })}
          </Typography.Text>
          {tour.status === 'OPEN' && (
            <Typography.Text type="secondary">
              <ClockCircleOutlined />{' '}
              {phase === 'NOT_YET' ? t('tours.opensAt', { date: formatDateTime(tour.signUpOpensAt) }) : phase === 'OPEN' ? t('tours.closesAt', { date: formatDateTime(tour.signUpClosesAt) }) : t('tours.closedAt', { date: formatDateTime(tour.signUpClosesAt) })}
            </Typography.Text>
          )}
        </Space>
      </Space>
    </Card>
  );
}
