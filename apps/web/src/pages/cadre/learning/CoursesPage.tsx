import { useQuery } from '@apollo/client/react';
import { Card, Input, List, Progress, Space, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LoadMore } from '../../../components/LoadMore';
import { EmptyState, QueryState } from '../../../components/PageState';
import { graphql } from '../../../gql';
import type { Requirement } from '../../../gql/graphql';
import { formatDate, formatHours } from '../../../lib/time';

const PAGE = 10;

const MyCoursesDocument = graphql(`
  query LearningMyCourses($requirement: Requirement, $keyword: String, $first: Int, $after: String) {
    myCourses(requirement: $requirement, keyword: $keyword, first: $first, after: $after) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      nodes {
        id
        title
        summary
        subject
        classHours
        requirement
        dueAt
        year
        myProgress {
          lessonsDone
          requiredLessons
          requiredLessonsDone
          completedAt
        }
      }
    }
  }
`);

/** My courses: required and elective tabs, keyword search, my progress per course, a page at a time. */
export function CoursesPage() {
  const { t } = useTranslation('learning');
  const [requirement, setRequirement] = useState<Requirement>('REQUIRED');
  const [keyword, setKeyword] = useState('');
  const query = useQuery(MyCoursesDocument, { variables: { requirement, keyword: keyword || undefined, first: PAGE }, notifyOnNetworkStatusChange: false });

  const list = (
    <QueryState loading={query.loading} error={query.error} data={query.data} retry={() => void query.refetch()}>
      {(data) =>
        data.myCourses.nodes.length === 0 ? (
          <EmptyState description={keyword ? t('courses.noneFound', { keyword }) : t(requirement === 'REQUIRED' ? 'courses.noneRequired' : 'courses.noneElective')} />
        ) : (
          <>
            <Typography.Text type="secondary" data-testid="course-count">
              {t('courses.count', { count: data.myCourses.totalCount })}
            </Typography.Text>
            <List
              style={{ marginTop: 8 }}
              dataSource={data.myCourses.nodes}
              renderItem={(c) => {
                const p = c.myProgress;
                const percent = p && p.requiredLessons > 0 ? Math.round((p.requiredLessonsDone / p.requiredLessons) * 100) : 0;
                const done = Boolean(p?.completedAt);
                return (
                  <List.Item key={c.id} style={{ padding: 0, border: 'none', marginBottom: 12 }}>
                    <Card size="small" style={{ width: '100%' }}>
                      <Space orientation="vertical" size={4} style={{ width: '100%' }}>
                        <Link to={`/study/courses/${c.id}`} style={{ fontSize: 16, fontWeight: 600 }}>
                          {c.title}
                        </Link>
                        <Space size={[4, 4]} wrap>
                          <Tag color={c.requirement === 'REQUIRED' ? 'red' : 'blue'}>{c.requirement ? t(`requirement.${c.requirement}`) : ''}</Tag>
                          <Tag>{t(`subjects.${c.subject}`)}</Tag>
                          <Tag>{t('courses.hours', { hours: formatHours(c.classHours) })}</Tag>
                          {c.dueAt && <Tag color="orange">{t('courses.dueAt', { date: formatDate(c.dueAt) })}</Tag>}
                        </Space>
                        {c.summary && (
                          <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
                            {c.summary}
                          </Typography.Paragraph>
                        )}
                        <Progress percent={done ? 100 : percent} size="small" status={done ? 'success' : 'normal'} aria-label={t('course.progress')} />
                        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
                          <Typography.Text type="secondary">
                            {done ? t('courses.completed') : p ? t('courses.lessons', { done: p.requiredLessonsDone, total: p.requiredLessons }) : t('courses.notStarted')}
                          </Typography.Text>
                          <Link to={`/study/courses/${c.id}`} aria-label={`${t('courses.open')} ${c.title}`}>
                            {t('courses.open')}
                          </Link>
                        </Space>
                      </Space>
                    </Card>
                  </List.Item>
                );
              }}
            />
            <LoadMore query={query} field="myCourses" label={t('courses.loadMore')} />
          </>
        )
      }
    </QueryState>
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('courses.title')}
      </Typography.Title>
      <Input.Search allowClear placeholder={t('courses.search')} aria-label={t('courses.searchLabel')} onSearch={(v) => setKeyword(v.trim())} enterButton />
      <Tabs
        activeKey={requirement}
        onChange={(k) => setRequirement(k as Requirement)}
        items={(['REQUIRED', 'ELECTIVE'] as const).map((r) => ({ key: r, label: t(`courses.tabs.${r}`), children: r === requirement ? list : null }))}
      />
    </Space>
  );
}
