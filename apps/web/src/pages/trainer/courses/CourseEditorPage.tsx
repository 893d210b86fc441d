import { InboxOutlined, LeftOutlined, SendOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, App, Button, Card, Descriptions, Popconfirm, Space, Tabs, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { apiProblem, problemText } from '../../../components/errors';
import { QueryState } from '../../../components/PageState';
import { graphql } from '../../../gql';
import { formatDateTime, formatHours } from '../../../lib/time';
import { StatusTag } from '../shared/labels';
import { AssignPanel, RevisionsPanel } from './CoursePanels';
import { CourseForm } from './CourseForm';
import { LessonsPanel } from './Lessons';

export const CourseDocument = graphql(`
  query TrainerCourse($id: ID!) {
    course(id: $id) {
      id
      title
      summary
      subject
      classHours
      year
      status
      revision
      publishedAt
      createdAt
      requiredTiers
      requiredUnitIds
      coverUrl
      author {
        id
        name
      }
      unit {
        id
        name
      }
      lessons {
        ...TrainerLessonFields
      }
    }
  }
`);

const PublishCourseDocument = graphql(`
  mutation TrainerPublishCourse($id: ID!) {
    publishCourse(id: $id) {
      id
      status
      revision
      publishedAt
    }
  }
`);

const ArchiveCourseDocument = graphql(`
  mutation TrainerArchiveCourse($id: ID!) {
    archiveCourse(id: $id) {
      id
      status
      revision
    }
  }
`);

/** One course in the studio: its lessons (add, edit, reorder), its fields, publishing, revisions and cadres assigned by name. */
export function CourseEditorPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('trainer');
  const { message } = App.useApp();
  const query = useQuery(CourseDocument, { variables: { id } });
  const [publish, publishing] = useMutation(PublishCourseDocument);
  const [archive, archiving] = useMutation(ArchiveCourseDocument);
  const [problem, setProblem] = useState<string | null>(null);
  const [tab, setTab] = useState('lessons');
  // a film still being read by the worker: its lesson's status follows without a reload
  const processing = Boolean(query.data?.course.lessons.some((l) => l.media?.status === 'PROCESSING'));
  const { startPolling, stopPolling } = query;
  useEffect(() => {
    if (processing) startPolling(3000);
    else stopPolling();
    return () => stopPolling();
  }, [processing, startPolling, stopPolling]);

  const refetch = () => {
    // a change since the last refusal makes its reason stale
    setProblem(null);
    void query.refetch();
  };

  const onPublish = async () => {
    setProblem(null);
    try {
      await publish({ variables: { id } });
      void message.success(t('editor.publishedNow'));
      refetch();
    } catch (e) {
      setProblem(problemText(apiProblem(e), t));
    }
  };
  const onArchive = async () => {
    setProblem(null);
    try {
      await archive({ variables: { id } });
      void message.success(t('editor.archivedNow'));
    } catch (e) {
      setProblem(problemText(apiProblem(e), t));
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Link to="/studio">
        <LeftOutlined /> {t('editor.back')}
      </Link>
      <QueryState loading={query.loading} error={query.error} data={query.data} retry={refetch}>
        {({ course }) => {
          const editable = course.status !== 'ARCHIVED';
          return (
            <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
              <Card size="small">
                <Space style={{ width: '100%', justifyContent: 'space-between' }} align="start" wrap>
                  <Space orientation="vertical" size={4}>
                    <Typography.Title level={4} style={{ margin: 0 }} data-testid="course-title">
                      {course.title}
                    </Typography.Title>
                    <Space size={4} wrap data-testid="course-status">
                      <StatusTag status={course.status} group="course" />
                      {course.revision > 0 && <Typography.Text type="secondary">{t('courses.revision', { revision: course.revision })}</Typography.Text>}
                    </Space>
                  </Space>
                  <Space wrap>
                    {course.status === 'DRAFT' && (
                      <Popconfirm title={t('editor.publishConfirm')} description={t('editor.publishHint')} okText={t('editor.publish')} cancelText={t('actions.cancel')} onConfirm={() => void onPublish()}>
                        <Button type="primary" icon={<SendOutlined />} loading={publishing.loading}>
                          {t('editor.publish')}
                        </Button>
                      </Popconfirm>
                    )}
                    {course.status === 'PUBLISHED' && (
                      <Popconfirm title={t('editor.archiveConfirm')} description={t('editor.archiveHint')} okText={t('editor.archive')} cancelText={t('actions.cancel')} onConfirm={() => void onArchive()}>
                        <Button icon={<InboxOutlined />} loading={archiving.loading}>
                          {t('editor.archive')}
                        </Button>
                      </Popconfirm>
                    )}
                  </Space>
                </Space>
                {problem && <Alert type="error" showIcon title={t('editor.refused')} description={problem} style={{ marginTop: 12 }} role="alert" data-testid="course-problem" closable={{ onClose: () => setProblem(null) }} />}
                {course.status === 'PUBLISHED' && <Alert type="info" showIcon style={{ marginTop: 12 }} title={t('editor.publishedInfo')} />}
                {course.status === 'ARCHIVED' && <Alert type="warning" showIcon style={{ marginTop: 12 }} title={t('editor.archivedInfo')} />}
                <Descriptions size="small" column={{ xs: 1, sm: 2, md: 4 }} style={{ marginTop: 12 }}>
                  <Descriptions.Item label={t('courseForm.subject')}>{t(`learning:subjects.${course.subject}`)}</Descriptions.Item>
                  <Descriptions.Item label={t('courseForm.classHours')}>{formatHours(course.classHours)}</Descriptions.Item>
                  <Descriptions.Item label={t('courseForm.year')}>{course.year}</Descriptions.Item>
                  <Descriptions.Item label={t('editor.unit')}>{course.unit.name}</Descriptions.Item>
                  <Descriptions.Item label={t('editor.author')}>{course.author?.name ?? '-'}</Descriptions.Item>
                  <Descriptions.Item label={t('editor.requiredOf')}>
                    {course.requiredTiers.length ? course.requiredTiers.map((tier) => t(`common:tiers.${tier}`)).join(t('sep.list')) : t('editor.electiveForAll')}
                  </Descriptions.Item>
                  {course.publishedAt && <Descriptions.Item label={t('editor.publishedAt')}>{formatDateTime(course.publishedAt)}</Descriptions.Item>}
                </Descriptions>
              </Card>
              <Tabs
                activeKey={tab}
                onChange={setTab}
                items={[
                  { key: 'lessons', label: t('editor.tabs.lessons', { count: course.lessons.length }), children: <LessonsPanel course={course} editable={editable} onChanged={refetch} /> },
                  { key: 'info', label: t('editor.tabs.info'), children: <CourseForm key={`${course.id}-${course.revision}`} course={course} readOnly={!editable} onSaved={refetch} /> },
                  { key: 'revisions', label: t('editor.tabs.revisions'), children: <RevisionsPanel courseId={course.id} revision={course.revision} /> },
                  { key: 'assign', label: t('editor.tabs.assign'), children: <AssignPanel courseId={course.id} editable={editable} /> },
                ]}
                destroyOnHidden
              />
            </Space>
          );
        }}
      </QueryState>
    </Space>
  );
}
