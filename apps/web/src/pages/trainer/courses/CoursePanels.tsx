import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, App, Button, Card, DatePicker, Form, Input, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiProblem, problemText, showFieldErrors } from '../../../components/errors';
import { EmptyState, ErrorState, Loading } from '../../../components/PageState';
import { graphql } from '../../../gql';
import type { TrainerCourseAssignmentsQuery, TrainerCourseRevisionsQuery } from '../../../gql/graphql';
import { formatDateTime, formatHours } from '../../../lib/time';
import { CadreSelect } from '../shared/pickers';

const RevisionsDocument = graphql(`
  query TrainerCourseRevisions($courseId: ID!) {
    courseRevisions(courseId: $courseId) {
      revision
      note
      title
      classHours
      lessonCount
      createdAt
    }
  }
`);

const AssignmentsDocument = graphql(`
  query TrainerCourseAssignments($courseId: ID!) {
    courseAssignments(courseId: $courseId) {
      userId
      dueAt
      reason
      assignedAt
      person {
        id
        name
        unitName
      }
    }
  }
`);

const AssignDocument = graphql(`
  mutation TrainerAssignCourse($input: AssignCourseInput!) {
    assignCourse(input: $input)
  }
`);

const UnassignDocument = graphql(`
  mutation TrainerUnassignCourse($courseId: ID!, $userId: ID!) {
    unassignCourse(courseId: $courseId, userId: $userId)
  }
`);

type Revision = TrainerCourseRevisionsQuery['courseRevisions'][number];
type Assignment = TrainerCourseAssignmentsQuery['courseAssignments'][number];

/** Each published revision with its note: what changed, when, the title, hours and lessons at that moment. */
export function RevisionsPanel({ courseId, revision }: { courseId: string; revision: number }) {
  const { t } = useTranslation('trainer');
  const query = useQuery(RevisionsDocument, { variables: { courseId }, fetchPolicy: 'network-only' });
  if (!query.data) return query.error ? <ErrorState error={query.error} onRetry={() => void query.refetch()} /> : <Loading />;
  if (query.data.courseRevisions.length === 0) return <EmptyState description={revision === 0 ? t('revisions.draft') : t('revisions.none')} />;
  return (
    <Table<Revision>
      rowKey="revision"
      size="small"
      pagination={false}
      scroll={{ x: 640 }}
      dataSource={[...query.data.courseRevisions].sort((a, b) => b.revision - a.revision)}
      columns={[
        { title: t('revisions.revision'), dataIndex: 'revision', render: (r: number) => <Tag color={r === revision ? 'green' : undefined}>{t('courses.revision', { revision: r })}</Tag> },
        // the API notes the first publication as 'published'
        { title: t('revisions.note'), dataIndex: 'note', render: (n: string | null, r) => (r.revision === 1 && (!n || n === 'published') ? t('revisions.firstPublished') : (n ?? '-')) },
        { title: t('revisions.title'), dataIndex: 'title' },
        { title: t('revisions.hours'), dataIndex: 'classHours', render: (h: number) => formatHours(h) },
        { title: t('revisions.lessons'), dataIndex: 'lessonCount' },
        { title: t('revisions.at'), dataIndex: 'createdAt', render: (d: string) => formatDateTime(d) },
      ]}
    />
  );
}

interface AssignValues {
  userIds: string[];
  dueAt: Dayjs;
  reason?: string;
}

/** Requires the course of named cadres by a deadline (individual admonishment programme), and lists who it is assigned to. */
export function AssignPanel({ courseId, editable }: { courseId: string; editable: boolean }) {
  const { t } = useTranslation('trainer');
  const { message } = App.useApp();
  const [form] = Form.useForm<AssignValues>();
  const query = useQuery(AssignmentsDocument, { variables: { courseId } });
  const [assign, assigning] = useMutation(AssignDocument);
  const [unassign] = useMutation(UnassignDocument);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async (v: AssignValues) => {
    setProblem(null);
    try {
      const res = await assign({ variables: { input: { courseId, userIds: v.userIds, dueAt: v.dueAt.toISOString(), reason: v.reason?.trim() || undefined } } });
      void message.success(t('assign.done', { count: res.data?.assignCourse ?? 0 }));
      form.resetFields();
      void query.refetch();
    } catch (e) {
      setProblem(showFieldErrors(form, e, t));
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {editable && (
        <Card size="small" title={t('assign.title')}>
          <Typography.Paragraph type="secondary">{t('assign.hint')}</Typography.Paragraph>
          {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} role="alert" />}
          <Form<AssignValues> form={form} layout="vertical" onFinish={submit} onValuesChange={() => setProblem(null)} initialValues={{ userIds: [] }}>
            <Form.Item name="userIds" label={t('assign.cadres')} rules={[{ required: true, type: 'array', min: 1, message: t('assign.cadresRequired') }]}>
              <CadreSelect />
            </Form.Item>
            <Space wrap align="start">
              <Form.Item
                name="dueAt"
                label={t('assign.dueAt')}
                rules={[
                  { required: true, message: t('assign.dueAtRequired') },
                  { validator: (_, v: Dayjs | undefined) => (!v || v.isAfter(dayjs()) ? Promise.resolve() : Promise.reject(new Error(t('assign.dueAtFuture')))) },
                ]}
              >
                <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
              </Form.Item>
              <Form.Item name="reason" label={t('assign.reason')} rules={[{ max: 200, message: t('assign.reasonTooLong') }]} style={{ minWidth: 280 }}>
                <Input maxLength={200} placeholder={t('assign.reasonPlaceholder')} />
              </Form.Item>
            </Space>
            <Button type="primary" htmlType="submit" loading={assigning.loading}>
              {t('assign.submit')}
            </Button>
          </Form>
        </Card>
      )}
      <Card size="small" title={t('assign.listTitle')}>
        {!query.data ? (
          query.error ? (
            <ErrorState error={query.error} onRetry={() => void query.refetch()} />
          ) : (
            <Loading />
          )
        ) : query.data.courseAssignments.length === 0 ? (
          <EmptyState description={t('assign.none')} />
        ) : (
          <Table<Assignment>
            rowKey="userId"
            size="small"
            scroll={{ x: 640 }}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            dataSource={query.data.courseAssignments}
            columns={[
              { title: t('assign.name'), key: 'name', render: (_, a) => a.person.name },
              { title: t('assign.unit'), key: 'unit', render: (_, a) => a.person.unitName },
              { title: t('assign.dueAt'), dataIndex: 'dueAt', render: (d: string) => formatDateTime(d) },
              { title: t('assign.reason'), dataIndex: 'reason', render: (r: string | null) => r ?? '-' },
              { title: t('assign.assignedAt'), dataIndex: 'assignedAt', render: (d: string) => formatDateTime(d) },
              {
                title: t('actions.title'),
                key: 'actions',
                render: (_, a) => (
                  <Popconfirm
                    title={t('assign.unassignConfirm', { name: a.person.name })}
                    okText={t('assign.unassign')}
                    cancelText={t('actions.cancel')}
                    onConfirm={async () => {
                      try {
                        await unassign({ variables: { courseId, userId: a.userId } });
                        void query.refetch();
                      } catch (e) {
                        void message.error(problemText(apiProblem(e), t));
                      }
                    }}
                  >
                    <Button size="small" danger disabled={!editable}>
                      {t('assign.unassign')}
                    </Button>
                  </Popconfirm>
                ),
              },
            ]}
          />
        )}
      </Card>
    </Space>
  );
}
