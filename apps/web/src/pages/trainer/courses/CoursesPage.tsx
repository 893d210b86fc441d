import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@apollo/client/react';
import { Button, Drawer, Grid, Input, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { EmptyState, ErrorState, Loading } from '../../../components/PageState';
import { graphql } from '../../../gql';
import type { CourseStatus, CourseSubject, TrainerCoursesQuery } from '../../../gql/graphql';
import { formatDate, formatHours } from '../../../lib/time';
import { StatusTag, useSubjectOptions } from '../shared/labels';
import { CursorPager } from '../../../components/CursorPager';
import { useCursorPages } from '../../../lib/paging';
import { CourseForm } from './CourseForm';

const CoursesDocument = graphql(`
  query TrainerCourses($status: CourseStatus, $keyword: String, $subject: CourseSubject, $first: Int, $after: String) {
    courses(status: $status, keyword: $keyword, subject: $subject, first: $first, after: $after) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      nodes {
        id
        title
        subject
        classHours
        year
        status
        revision
        createdAt
        publishedAt
        author {
          id
          name
        }
        unit {
          id
          name
        }
        lessons {
          id
        }
      }
    }
  }
`);

type Row = TrainerCoursesQuery['courses']['nodes'][number];

/** The courses of the trainer's part of the organisation: filters, a page at a time, and a new course. */
export function CoursesPage() {
  const { t } = useTranslation('trainer');
  const navigate = useNavigate();
  const phone = !Grid.useBreakpoint().md;
  const subjects = useSubjectOptions();
  const [status, setStatus] = useState<CourseStatus | undefined>();
  const [subject, setSubject] = useState<CourseSubject | undefined>();
  const [keyword, setKeyword] = useState('');
  const [creating, setCreating] = useState(false);
  const pages = useCursorPages();
  const query = useQuery(CoursesDocument, { variables: { status, subject, keyword: keyword || undefined, first: pages.first, after: pages.after } });
  const data = query.data ?? query.previousData;

  const columns = [
    {
      title: t('courses.columns.title'),
      dataIndex: 'title',
      render: (_: unknown, c: Row) => (
        <Link to={`/studio/courses/${c.id}`} data-testid="course-link">
          {c.title}
        </Link>
      ),
    },
    { title: t('courses.columns.subject'), dataIndex: 'subject', render: (s: CourseSubject) => t(`learning:subjects.${s}`) },
    { title: t('courses.columns.hours'), dataIndex: 'classHours', render: (h: number) => formatHours(h) },
    { title: t('courses.columns.year'), dataIndex: 'year' },
    { title: t('courses.columns.lessons'), key: 'lessons', render: (_: unknown, c: Row) => c.lessons.length },
    { title: t('courses.columns.status'), dataIndex: 'status', render: (s: string, c: Row) => (
      <Space size={4}>
        <StatusTag status={s} group="course" />
        {c.revision > 1 && <Typography.Text type="secondary">{t('courses.revision', { revision: c.revision })}</Typography.Text>}
      </Space>
    ) },
    { title: t('courses.columns.author'), key: 'author', render: (_: unknown, c: Row) => `${c.author?.name ?? '-'} · ${c.unit.name}` },
    { title: t('courses.columns.date'), key: 'date', render: (_: unknown, c: Row) => formatDate(c.publishedAt ?? c.createdAt) },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('courses.title')}
        </Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t('courses.create')}
        </Button>
      </Space>
      <Space wrap>
        <Input.Search
          allowClear
          placeholder={t('courses.search')}
          aria-label={t('courses.searchLabel')}
          onSearch={(v) => {
            setKeyword(v.trim());
            pages.reset();
          }}
          style={{ width: phone ? '100%' : 280 }}
          enterButton
        />
        <Select
          allowClear
          placeholder={t('courses.allStatuses')}
          aria-label={t('courses.statusFilter')}
          value={status}
          onChange={(v: CourseStatus | undefined) => {
            setStatus(v);
            pages.reset();
          }}
          options={(['DRAFT', 'PUBLISHED', 'ARCHIVED'] as const).map((s) => ({ value: s, label: t(`status.course.${s}`) }))}
          style={{ width: 140 }}
        />
        <Select
          allowClear
          placeholder={t('courses.allSubjects')}
          aria-label={t('courses.subjectFilter')}
          value={subject}
          onChange={(v: CourseSubject | undefined) => {
            setSubject(v);
            pages.reset();
          }}
          options={subjects}
          style={{ width: 150 }}
        />
      </Space>
      {!data && query.error ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : !data ? (
        <Loading />
      ) : data.courses.totalCount === 0 ? (
        <EmptyState description={keyword || status || subject ? t('courses.noneFound') : t('courses.none')}>
          <Button type="primary" onClick={() => setCreating(true)}>
            {t('courses.create')}
          </Button>
        </EmptyState>
      ) : (
        <>
          <Table<Row> rowKey="id" columns={columns} dataSource={data.courses.nodes} pagination={false} loading={query.loading} scroll={{ x: 900 }} size="middle" />
          <CursorPager pages={pages} totalCount={data.courses.totalCount} pageInfo={data.courses.pageInfo} />
        </>
      )}
      <Drawer key="create" open={creating} onClose={() => setCreating(false)} title={t('courses.create')} size={phone ? '100%' : 560} destroyOnHidden>
        <CourseForm
          onSaved={(id) => {
            setCreating(false);
            void navigate(`/studio/courses/${id}`);
          }}
        />
      </Drawer>
    </Space>
  );
}
