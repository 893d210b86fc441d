import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, App, Button, Card, Form, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiProblem, problemText } from '../../../components/errors';
import { EmptyState, ErrorState, Loading } from '../../../components/PageState';
import { graphql } from '../../../gql';
import type { CourseSubject, QuestionKind, TrainerQuizQuery } from '../../../gql/graphql';
import { showMappedFieldErrors } from '../shared/forms';
import { useSubjectOptions } from '../shared/labels';
import { CursorPager } from '../../../components/CursorPager';
import { useCursorPages } from '../../../lib/paging';
import { QUESTION_KINDS } from '../questions/QuestionForm';
import { UpdateQuizDocument } from './QuizSettingsForm';

const QuizQuestionsDocument = graphql(`
  query TrainerQuizQuestions($quizId: ID!) {
    quizQuestions(quizId: $quizId) {
      id
      familyId
      kind
      stem
      subject
      difficulty
    }
  }
`);

const BankDocument = graphql(`
  query TrainerQuestionBank($keyword: String, $kind: QuestionKind, $subject: CourseSubject, $first: Int, $after: String) {
    questions(keyword: $keyword, kind: $kind, subject: $subject, first: $first, after: $after) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      nodes {
        id
        familyId
        kind
        stem
        subject
        difficulty
      }
    }
  }
`);

interface Picked {
  id: string;
  familyId: string;
  kind: QuestionKind;
  stem: string;
  subject: CourseSubject;
  difficulty: number;
}

const BANK_PAGE = 10;

/** A fixed quiz's questions in order, chosen from the bank. */
export function FixedQuestionsPanel({ quizId, editable }: { quizId: string; editable: boolean }) {
  const { t } = useTranslation('trainer');
  const { message } = App.useApp();
  const current = useQuery(QuizQuestionsDocument, { variables: { quizId }, fetchPolicy: 'network-only' });
  const [edited, setEdited] = useState<Picked[] | null>(null);
  const [save, saving] = useMutation(UpdateQuizDocument);
  const [problem, setProblem] = useState<string | null>(null);
  const list: Picked[] = edited ?? current.data?.quizQuestions ?? [];
  const chosen = new Set(list.map((q) => q.familyId));

  const change = (next: Picked[]) => {
    setProblem(null);
    setEdited(next);
  };
  const move = (i: number, to: number) => {
    const next = [...list];
    const [q] = next.splice(i, 1);
    next.splice(to, 0, q);
    change(next);
  };

  const onSave = async () => {
    setProblem(null);
    try {
      await save({ variables: { id: quizId, input: { questionIds: list.map((q) => q.id) } } });
      await current.refetch();
      setEdited(null);
      void message.success(t('quizQuestions.saved', { count: list.length }));
    } catch (e) {
      setProblem(problemText(apiProblem(e), t));
    }
  };

  if (!current.data) return current.error ? <ErrorState error={current.error} onRetry={() => void current.refetch()} /> : <Loading />;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        size="small"
        title={t('quizQuestions.chosen', { count: list.length })}
        extra={
          editable && (
            <Button type="primary" onClick={() => void onSave()} loading={saving.loading} disabled={edited === null}>
              {t('quizQuestions.save')}
            </Button>
          )
        }
      >
        {edited && <Alert type="warning" showIcon title={t('quizQuestions.unsaved')} style={{ marginBottom: 12 }} />}
        {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} role="alert" />}
        {list.length === 0 ? (
          <EmptyState description={t('quizQuestions.none')} />
        ) : (
          <ol style={{ paddingLeft: 24, margin: 0 }} data-testid="quiz-question-list">
            {list.map((q, i) => (
              <li key={q.familyId} style={{ marginBottom: 8 }}>
                <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
                  <span>
                    <Tag>{t(`questions.kinds.${q.kind}`)}</Tag>
                    {q.stem}
                  </span>
                  {editable && (
                    <Space size={4}>
                      <Button size="small" icon={<ArrowUpOutlined />} aria-label={t('quizQuestions.up', { n: i + 1 })} disabled={i === 0} onClick={() => move(i, i - 1)} />
                      <Button size="small" icon={<ArrowDownOutlined />} aria-label={t('quizQuestions.down', { n: i + 1 })} disabled={i === list.length - 1} onClick={() => move(i, i + 1)} />
                      <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('quizQuestions.remove', { n: i + 1 })} onClick={() => change(list.filter((_, j) => j !== i))} />
                    </Space>
                  )}
                </Space>
              </li>
            ))}
          </ol>
        )}
      </Card>
      {editable && <BankPicker chosen={chosen} onAdd={(q) => change([...list, q])} />}
    </Space>
  );
}

/** The bank, filtered, a page at a time, with an "add" button per question. */
function BankPicker({ chosen, onAdd }: { chosen: Set<string>; onAdd: (q: Picked) => void }) {
  const { t } = useTranslation('trainer');
  const subjects = useSubjectOptions();
  const [keyword, setKeyword] = useState('');
  const [kind, setKind] = useState<QuestionKind | undefined>();
  const [subject, setSubject] = useState<CourseSubject | undefined>();
  const pages = useCursorPages({ size: BANK_PAGE });
  const query = useQuery(BankDocument, { variables: { keyword: keyword || undefined, kind, subject, first: pages.first, after: pages.after } });
  const data = query.data ?? query.previousData;
  return (
    <Card size="small" title={t('quizQuestions.bank')}>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder={t('questions.search')} aria-label={t('questions.searchLabel')} onSearch={(v) => (setKeyword(v.trim()), pages.reset())} style={{ width: 240 }} />
        <Select allowClear placeholder={t('questions.allKinds')} aria-label={t('questions.kindFilter')} value={kind} onChange={(v: QuestionKind | undefined) => (setKind(v), pages.reset())} options={QUESTION_KINDS.map((k) => ({ value: k, label: t(`questions.kinds.${k}`) }))} style={{ width: 130 }} />
        <Select allowClear placeholder={t('questions.allSubjects')} aria-label={t('questions.subjectFilter')} value={subject} onChange={(v: CourseSubject | undefined) => (setSubject(v), pages.reset())} options={subjects} style={{ width: 150 }} />
      </Space>
      {!data ? (
        query.error ? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <Loading />
        )
      ) : data.questions.totalCount === 0 ? (
        <EmptyState description={t('quizQuestions.bankEmpty')} />
      ) : (
        <>
          <Table<Picked>
            rowKey="id"
            size="small"
            pagination={false}
            scroll={{ x: 640 }}
            dataSource={data.questions.nodes}
            columns={[
              { title: t('questions.columns.stem'), dataIndex: 'stem' },
              { title: t('questions.columns.kind'), dataIndex: 'kind', render: (k: QuestionKind) => t(`questions.kinds.${k}`) },
              { title: t('questions.columns.difficulty'), dataIndex: 'difficulty' },
              {
                title: t('actions.title'),
                key: 'add',
                render: (_, q) => (
                  <Button size="small" icon={<PlusOutlined />} disabled={chosen.has(q.familyId)} onClick={() => onAdd(q)} aria-label={t('quizQuestions.addOf', { stem: q.stem.slice(0, 20) })}>
                    {chosen.has(q.familyId) ? t('quizQuestions.added') : t('quizQuestions.add')}
                  </Button>
                ),
              },
            ]}
          />
          <CursorPager pages={pages} totalCount={data.questions.totalCount} pageInfo={data.questions.pageInfo} />
        </>
      )}
    </Card>
  );
}

interface RuleValues {
  count: number;
  kind?: QuestionKind | null;
  subject?: CourseSubject | null;
  minDifficulty?: number | null;
  maxDifficulty?: number | null;
  tags?: string[];
  points?: number | null;
}

/** Draw rules: each attempt draws this many questions of a kind, subject, difficulty range and tags (unseen ones first). */
export function DrawRulesPanel({ quiz, editable }: { quiz: TrainerQuizQuery['quiz']; editable: boolean }) {
  const { t } = useTranslation('trainer');
  const { message } = App.useApp();
  const subjects = useSubjectOptions();
  const [form] = Form.useForm<{ drawRules: RuleValues[] }>();
  const [save, saving] = useMutation(UpdateQuizDocument);
  const [problem, setProblem] = useState<string | null>(null);
  const rules: RuleValues[] = Form.useWatch('drawRules', form) ?? [];
  const total = rules.reduce((n, r) => n + (r?.count ?? 0), 0);
  const points = rules.reduce((n, r) => n + (r?.count ?? 0) * (r?.points ?? 1), 0);

  return (
    <Card size="small" title={t('drawRules.title')}>
      <Typography.Paragraph type="secondary">{t('drawRules.hint')}</Typography.Paragraph>
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} role="alert" />}
      <Form
        form={form}
        layout="vertical"
        disabled={!editable}
        onValuesChange={() => setProblem(null)}
        initialValues={{ drawRules: quiz.drawRules.length ? quiz.drawRules.map((r) => ({ ...r, tags: r.tags ?? [] })) : [{ count: 10, points: 1, tags: [] }] }}
        onFinish={async ({ drawRules }) => {
          setProblem(null);
          try {
            await save({
              variables: {
                id: quiz.id,
                input: {
                  drawRules: drawRules.map((r) => ({
                    count: r.count,
                    kind: r.kind ?? null,
                    subject: r.subject ?? null,
                    minDifficulty: r.minDifficulty ?? null,
                    maxDifficulty: r.maxDifficulty ?? null,
                    tags: r.tags?.length ? r.tags : null,
                    points: r.points ?? null,
                  })),
                },
              },
            });
            void message.success(t('drawRules.saved'));
          } catch (e) {
            setProblem(showMappedFieldErrors(form, e, t, {}));
          }
        }}
      >
        <Form.List name="drawRules" rules={[{ validator: async (_, v: RuleValues[]) => (v?.length ? undefined : Promise.reject(new Error(t('drawRules.atLeastOne')))) }]}>
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((field, i) => (
                <Card key={field.key} size="small" type="inner" title={t('drawRules.rule', { n: i + 1 })} style={{ marginBottom: 12 }} extra={editable && fields.length > 1 && <Button type="text" icon={<MinusCircleOutlined />} aria-label={t('drawRules.remove', { n: i + 1 })} onClick={() => remove(field.name)} />}>
                  <Space wrap align="start">
                    <Form.Item name={[field.name, 'count']} label={t('drawRules.count')} rules={[{ required: true, message: t('drawRules.countRequired') }]}>
                      <InputNumber min={1} max={200} precision={0} suffix={t('drawRules.questionsUnit')} style={{ width: 120 }} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'kind']} label={t('drawRules.kind')}>
                      <Select allowClear placeholder={t('drawRules.anyKind')} options={QUESTION_KINDS.map((k) => ({ value: k, label: t(`questions.kinds.${k}`) }))} style={{ width: 130 }} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'subject']} label={t('drawRules.subject')}>
                      <Select allowClear placeholder={t('drawRules.anySubject')} options={subjects} style={{ width: 150 }} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'minDifficulty']} label={t('drawRules.minDifficulty')}>
                      <InputNumber min={1} max={5} precision={0} style={{ width: 90 }} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'maxDifficulty']}
                      label={t('drawRules.maxDifficulty')}
                      dependencies={[['drawRules', field.name, 'minDifficulty']]}
                      rules={[
                        ({ getFieldValue }) => ({
                          validator: (_, v: number | null | undefined) => {
                            const min = getFieldValue(['drawRules', field.name, 'minDifficulty']) as number | null | undefined;
                            return v != null && min != null && v < min ? Promise.reject(new Error(t('drawRules.maxAtLeastMin'))) : Promise.resolve();
                          },
                        }),
                      ]}
                    >
                      <InputNumber min={1} max={5} precision={0} style={{ width: 90 }} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'points']} label={t('drawRules.points')}>
                      <InputNumber min={0.5} max={100} step={0.5} style={{ width: 100 }} placeholder="1" />
                    </Form.Item>
                  </Space>
                  <Form.Item name={[field.name, 'tags']} label={t('drawRules.tags')} extra={t('drawRules.tagsHint')} style={{ marginBottom: 0 }}>
                    <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，']} aria-label={t('drawRules.tags')} />
                  </Form.Item>
                </Card>
              ))}
              <Form.ErrorList errors={errors} />
              {editable && (
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ count: 5, points: 1, tags: [] })} style={{ marginBottom: 12 }}>
                  {t('drawRules.add')}
                </Button>
              )}
            </>
          )}
        </Form.List>
        <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
          <Typography.Text>{t('drawRules.total', { count: total, points })}</Typography.Text>
          {editable && (
            <Button type="primary" htmlType="submit" loading={saving.loading}>
              {t('drawRules.save')}
            </Button>
          )}
        </Space>
      </Form>
    </Card>
  );
}
