import { ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@apollo/client/react';
import { App, Button, Drawer, Grid, Input, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiProblem, problemText } from '../../../components/errors';
import { EmptyState, ErrorState, Loading } from '../../../components/PageState';
import { graphql } from '../../../gql';
import type { CourseSubject, QuestionKind, TrainerQuestionsQuery } from '../../../gql/graphql';
import { useSubjectOptions } from '../shared/labels';
import { CursorPager } from '../../../components/CursorPager';
import { useCursorPages } from '../../../lib/paging';
import { ImportQuestions } from './ImportQuestions';
import { QUESTION_KINDS, QuestionForm } from './QuestionForm';

const QuestionsDocument = graphql(`
  query TrainerQuestions($subject: CourseSubject, $kind: QuestionKind, $keyword: String, $difficulty: Int, $first: Int, $after: String) {
    questions(subject: $subject, kind: $kind, keyword: $keyword, difficulty: $difficulty, first: $first, after: $after) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      nodes {
        id
        familyId
        version
        kind
        stem
        options {
          key
          text
        }
        answer
        explanation
        source
        subject
        difficulty
        tags
        createdAt
      }
    }
  }
`);

const ArchiveQuestionDocument = graphql(`
  mutation TrainerArchiveQuestion($id: ID!) {
    archiveQuestion(id: $id) {
      id
      archived
    }
  }
`);

type Question = TrainerQuestionsQuery['questions']['nodes'][number];

/** The answer key as a trainer reads it: B; A、C; 正确; the accepted words; the model answer. */
export function AnswerText({ question }: { question: Pick<Question, 'kind' | 'answer'> }) {
  const { t } = useTranslation('trainer');
  if (question.kind === 'TRUE_FALSE') return <>{question.answer[0] === 'TRUE' ? t('questionForm.true') : t('questionForm.false')}</>;
  if (question.kind === 'SHORT_ANSWER') return <>{question.answer[0] ? t('questions.hasReference') : t('questions.noReference')}</>;
  return <>{question.answer.join(question.kind === 'FILL_BLANK' ? ' | ' : t('sep.list'))}</>;
}

/** The question bank: filters by subject, kind, difficulty and keyword; create, edit, archive; import from CSV or JSON. */
export function QuestionsPage() {
  const { t } = useTranslation('trainer');
  const { message } = App.useApp();
  const phone = !Grid.useBreakpoint().md;
  const subjects = useSubjectOptions();
  const [subject, setSubject] = useState<CourseSubject | undefined>();
  const [kind, setKind] = useState<QuestionKind | undefined>();
  const [difficulty, setDifficulty] = useState<number | undefined>();
  const [keyword, setKeyword] = useState('');
  const [editing, setEditing] = useState<Question | 'new' | null>(null);
  const [importing, setImporting] = useState(false);
  const pages = useCursorPages();
  const query = useQuery(QuestionsDocument, { variables: { subject, kind, difficulty, keyword: keyword || undefined, first: pages.first, after: pages.after } });
  const [archive] = useMutation(ArchiveQuestionDocument);
  const data = query.data ?? query.previousData;
  const filtered = Boolean(subject || kind || difficulty || keyword);
  const reset = () => pages.reset();

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('questions.title')}
        </Typography.Title>
        <Space wrap>
          <Button icon={<ImportOutlined />} onClick={() => setImporting(true)}>
            {t('questions.import')}
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('questions.create')}
          </Button>
        </Space>
      </Space>
      <Space wrap>
        <Input.Search
          allowClear
          placeholder={t('questions.search')}
          aria-label={t('questions.searchLabel')}
          onSearch={(v) => {
            setKeyword(v.trim());
            reset();
          }}
          style={{ width: phone ? '100%' : 260 }}
          enterButton
        />
        <Select allowClear placeholder={t('questions.allSubjects')} aria-label={t('questions.subjectFilter')} value={subject} onChange={(v: CourseSubject | undefined) => (setSubject(v), reset())} options={subjects} style={{ width: 150 }} />
        <Select
          allowClear
          placeholder={t('questions.allKinds')}
          aria-label={t('questions.kindFilter')}
          value={kind}
          onChange={(v: QuestionKind | undefined) => (setKind(v), reset())}
          options={QUESTION_KINDS.map((k) => ({ value: k, label: t(`questions.kinds.${k}`) }))}
          style={{ width: 130 }}
        />
        <Select
          allowClear
          placeholder={t('questions.allDifficulties')}
          aria-label={t('questions.difficultyFilter')}
          value={difficulty}
          onChange={(v: number | undefined) => (setDifficulty(v), reset())}
          options={[1, 2, 3, 4, 5].map((d) => ({ value: d, label: t('questions.difficultyValue', { d }) }))}
          style={{ width: 120 }}
        />
      </Space>
      {!data && query.error ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : !data ? (
        <Loading />
      ) : data.questions.totalCount === 0 ? (
        <EmptyState description={filtered ? t('questions.noneFound') : t('questions.none')} />
      ) : (
        <>
          <Table<Question>
            rowKey="id"
            size="middle"
            pagination={false}
            loading={query.loading}
            scroll={{ x: 960 }}
            dataSource={data.questions.nodes}
            expandable={{
              expandedRowRender: (q) => (
                <Space orientation="vertical" size={4}>
                  {q.options.map((o) => (
                    <span key={o.key}>
                      {o.key}. {o.text}
                    </span>
                  ))}
                  {q.explanation && <Typography.Text type="secondary">{t('questions.explanation', { text: q.explanation })}</Typography.Text>}
                  {q.source && <Typography.Text type="secondary">{t('questions.source', { text: q.source })}</Typography.Text>}
                </Space>
              ),
            }}
            columns={[
              { title: t('questions.columns.stem'), dataIndex: 'stem', render: (s: string) => <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0, maxWidth: 420 }}>{s}</Typography.Paragraph> },
              { title: t('questions.columns.kind'), dataIndex: 'kind', render: (k: QuestionKind) => <Tag>{t(`questions.kinds.${k}`)}</Tag> },
              { title: t('questions.columns.answer'), key: 'answer', render: (_, q) => <AnswerText question={q} /> },
              { title: t('questions.columns.subject'), dataIndex: 'subject', render: (s: CourseSubject) => t(`learning:subjects.${s}`) },
              { title: t('questions.columns.difficulty'), dataIndex: 'difficulty' },
              { title: t('questions.columns.tags'), dataIndex: 'tags', render: (tags: string[]) => tags.map((tag) => <Tag key={tag}>{tag}</Tag>) },
              { title: t('questions.columns.version'), dataIndex: 'version', render: (v: number) => `v${v}` },
              {
                title: t('actions.title'),
                key: 'actions',
                render: (_, q) => (
                  <Space size={4}>
                    <Button size="small" onClick={() => setEditing(q)} aria-label={t('questions.editOf', { stem: q.stem.slice(0, 20) })}>
                      {t('actions.edit')}
                    </Button>
                    <Popconfirm
                      title={t('questions.archiveConfirm')}
                      description={t('questions.archiveHint')}
                      okText={t('questions.archive')}
                      cancelText={t('actions.cancel')}
                      onConfirm={async () => {
                        try {
                          await archive({ variables: { id: q.id } });
                          void message.success(t('questions.archived'));
                          void query.refetch();
                        } catch (e) {
                          void message.error(problemText(apiProblem(e), t));
                        }
                      }}
                    >
                      <Button size="small" danger>
                        {t('questions.archive')}
                      </Button>
                    </Popconfirm>
                  </Space>
                ),
              },
            ]}
          />
          <CursorPager pages={pages} totalCount={data.questions.totalCount} pageInfo={data.questions.pageInfo} />
        </>
      )}
      <Drawer key="edit" open={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' ? t('questions.create') : t('questions.edit')} size={phone ? '100%' : 640} destroyOnHidden>
        {editing && (
          <QuestionForm
            key={editing === 'new' ? 'new' : editing.id}
            question={editing === 'new' ? undefined : editing}
            onSaved={() => {
              setEditing(null);
              void query.refetch();
            }}
          />
        )}
      </Drawer>
      <Drawer key="import" open={importing} onClose={() => setImporting(false)} title={t('questions.import')} size={phone ? '100%' : 760} destroyOnHidden>
        <ImportQuestions onImported={() => void query.refetch()} />
      </Drawer>
    </Space>
  );
}
