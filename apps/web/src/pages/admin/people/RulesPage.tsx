import { CheckCircleOutlined, CloseCircleOutlined, SaveOutlined } from '@ant-design/icons';
import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { Alert, App, Button, Card, Col, Flex, Form, InputNumber, Progress, Row, Select, Space, Switch, Tabs, Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState, Loading } from '../../../components/PageState';
import { graphql } from '../../../gql';
import type { CadreTier, PeopleRulesQuery } from '../../../gql/graphql';
import { currentYear, formatDateTime } from '../../../lib/time';
import { TIERS } from './options';
import { showFieldErrors } from '../../../components/errors';

const RulesDocument = graphql(`
  query PeopleRules($year: Int!) {
    completionRules(year: $year) {
      year
      tier
      requiredHours
      minRequiredCourseHours
      minFilmHours
      programmeDays
      requiredCourseIds
      requireIntegrityExam
      requireCommitmentLetter
      carryOverCap
    }
    me {
      id
      unit {
        id
        depth
      }
    }
  }
`);

const SetRuleDocument = graphql(`
  mutation PeopleSetRule($year: Int!, $tier: CadreTier!, $input: CompletionRuleInput!) {
    setCompletionRule(year: $year, tier: $tier, input: $input) {
      id
      status
      done
      total
      startedAt
    }
  }
`);

const RunDocument = graphql(`
  query PeopleCompletionRun($id: ID!) {
    completionRun(id: $id) {
      id
      year
      tier
      status
      done
      total
      error
      startedAt
      finishedAt
    }
  }
`);

const RuleCoursesDocument = graphql(`
  query PeopleRuleCourses($keyword: String, $year: Int) {
    courses(keyword: $keyword, year: $year, first: 20) {
      totalCount
      nodes {
        id
        title
        status
        classHours
      }
    }
  }
`);

const CourseTitleDocument = graphql(`
  query PeopleCourseTitle($id: ID!) {
    course(id: $id) {
      id
      title
      status
      classHours
    }
  }
`);

type Rule = PeopleRulesQuery['completionRules'][number];

interface Values {
  requiredHours: number | null;
  minRequiredCourseHours: number | null;
  minFilmHours: number | null;
  programmeDays: number | null;
  requiredCourseIds: string[];
  requireIntegrityExam: boolean;
  requireCommitmentLetter: boolean;
  carryOverCap: number | null;
}

const runKey = (year: number, tier: CadreTier) => `ql.completionRun.${year}.${tier}`;

/** The tier rules of a year: class hours, required courses and items, carry-over; saving recomputes the tier and shows its progress. */
export function RulesPage() {
  const { t } = useTranslation('adminPeople');
  const thisYear = currentYear();
  const [year, setYear] = useState(thisYear);
  const [tier, setTier] = useState<CadreTier>('ON_JOB');
  const query = useQuery(RulesDocument, { variables: { year } });
  const editable = query.data?.me.unit.depth === 0;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Flex wrap gap={8} justify="space-between" align="center">
        <div>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('rules.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('rules.intro')}</Typography.Text>
        </div>
        <Space>
          <label htmlFor="rules-year">{t('rules.year')}</label>
          <Select
            id="rules-year"
            value={year}
            onChange={setYear}
            style={{ width: 120 }}
            options={[thisYear - 2, thisYear - 1, thisYear, thisYear + 1].map((y) => ({ value: y, label: t('rules.yearValue', { year: y }) }))}
          />
        </Space>
      </Flex>
      {query.data && !editable && <Alert type="info" showIcon title={t('rules.readOnly')} />}
      {query.data ? (
        <Card>
          <Tabs
            activeKey={tier}
            onChange={(k) => setTier(k as CadreTier)}
            items={TIERS.map((tr) => {
              const rule = query.data!.completionRules.find((r) => r.tier === tr);
              return {
                key: tr,
                label: t(`common:tiers.${tr}`),
                children: rule ? <RuleForm key={`${year}-${tr}`} rule={rule} editable={editable} onSaved={() => void query.refetch()} /> : <Alert type="warning" title={t('rules.missing')} />,
              };
            })}
          />
        </Card>
      ) : query.error ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Loading rows={10} />
      )}
    </Space>
  );
}

const hoursRule = (t: TFunction) => ({
  validator: (_: unknown, v: number | null) =>
    v === null || v === undefined || (v >= 0 && v <= 9999 && Math.round(v * 100) === v * 100) ? Promise.resolve() : Promise.reject(new Error(t('validation.hours'))),
});

function RuleForm({ rule, editable, onSaved }: { rule: Rule; editable: boolean; onSaved: () => void }) {
  const { t } = useTranslation('adminPeople');
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [save, saving] = useMutation(SetRuleDocument);
  const [problem, setProblem] = useState<string | null>(null);
  const [runId, setRunId] = useState<string | null>(() => sessionStorage.getItem(runKey(rule.year, rule.tier)));
  const [dirty, setDirty] = useState(false);

  const initialValues: Values = {
    requiredHours: rule.requiredHours,
    minRequiredCourseHours: rule.minRequiredCourseHours,
    minFilmHours: rule.minFilmHours,
    programmeDays: rule.programmeDays ?? null,
    requiredCourseIds: rule.requiredCourseIds,
    requireIntegrityExam: rule.requireIntegrityExam,
    requireCommitmentLetter: rule.requireCommitmentLetter,
    carryOverCap: rule.carryOverCap,
  };

  const submit = async (v: Values) => {
    setProblem(null);
    try {
      const res = await save({
        variables: {
          year: rule.year,
          tier: rule.tier,
          input: {
            requiredHours: v.requiredHours ?? 0,
            minRequiredCourseHours: v.minRequiredCourseHours ?? 0,
            minFilmHours: v.minFilmHours ?? 0,
            programmeDays: v.programmeDays ?? null,
            requiredCourseIds: v.requiredCourseIds,
            requireIntegrityExam: v.requireIntegrityExam,
            requireCommitmentLetter: v.requireCommitmentLetter,
            carryOverCap: v.carryOverCap ?? 0,
          },
        },
      });
      const run = res.data!.setCompletionRule;
      sessionStorage.setItem(runKey(rule.year, rule.tier), run.id);
      setRunId(run.id);
      setDirty(false);
      void message.success(t('rules.saved', { tier: t(`common:tiers.${rule.tier}`), year: rule.year }));
      onSaved();
    } catch (error) {
      setProblem(showFieldErrors(form, error, t));
    }
  };

  const notAbove = (field: keyof Values) => ({ getFieldValue }: { getFieldValue: (n: string) => unknown }) => ({
    validator: (_: unknown, v: number | null) => {
      const total = getFieldValue('requiredHours') as number | null;
      return v === null || v === undefined || total === null || total === undefined || v <= total ? Promise.resolve() : Promise.reject(new Error(t(`rules.notAbove.${field}`)));
    },
  });

  const hours = <InputNumber<number> min={0} max={9999} step={0.5} suffix={t('rules.hours')} style={{ width: '100%' }} />;

  return (
    <>
      <Typography.Paragraph type="secondary">{t(`rules.tierHint.${rule.tier}`)}</Typography.Paragraph>
      {problem && <Alert type="error" showIcon title={t('rules.notSaved')} description={problem} style={{ marginBottom: 16 }} role="alert" />}
      <Form<Values> form={form} name={`rule-${rule.tier}`} layout="vertical" initialValues={initialValues} onFinish={submit} disabled={!editable} onValuesChange={() => { setProblem(null); setDirty(true); }}>
        <Row gutter={16}>
          <Col xs={24} md={12} lg={8}>
            <Form.Item name="requiredHours" label={t('rules.fields.requiredHours')} extra={t('rules.extra.requiredHours')} rules={[{ required: true, message: t('rules.required') }, hoursRule(t)]}>
              {hours}
            </Form.Item>
          </Col>
          <Col xs={24} md={12} lg={8}>
            <Form.Item name="minRequiredCourseHours" label={t('rules.fields.minRequiredCourseHours')} extra={t('rules.extra.minRequiredCourseHours')} dependencies={['requiredHours']} rules={[{ required: true, message: t('rules.required') }, hoursRule(t), notAbove('minRequiredCourseHours')]}>
              {hours}
            </Form.Item>
          </Col>
          <Col xs={24} md={12} lg={8}>
            <Form.Item name="minFilmHours" label={t('rules.fields.minFilmHours')} extra={t('rules.extra.minFilmHours')} dependencies={['requiredHours']} rules={[{ required: true, message: t('rules.required') }, hoursRule(t), notAbove('minFilmHours')]}>
              {hours}
            </Form.Item>
          </Col>
          <Col xs={24} md={12} lg={8}>
            <Form.Item name="carryOverCap" label={t('rules.fields.carryOverCap')} extra={t('rules.extra.carryOverCap')} rules={[{ required: true, message: t('rules.required') }, hoursRule(t)]}>
              {hours}
            </Form.Item>
          </Col>
          <Col xs={24} md={12} lg={8}>
            <Form.Item
              name="programmeDays"
              label={t('rules.fields.programmeDays')}
              extra={t('rules.extra.programmeDays')}
              rules={[{ validator: (_, v: number | null) => (v === null || v === undefined || (Number.isInteger(v) && v >= 1 && v <= 3650) ? Promise.resolve() : Promise.reject(new Error(t('validation.days')))) }]}
            >
              <InputNumber<number> min={1} max={3650} step={1} precision={0} suffix={t('rules.days')} style={{ width: '100%' }} placeholder={t('rules.noWindow')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} lg={8}>
            <Space size="large" wrap>
              <Form.Item name="requireIntegrityExam" label={t('rules.fields.requireIntegrityExam')} valuePropName="checked">
                <Switch checkedChildren={t('rules.requiredItem')} unCheckedChildren={t('rules.notRequiredItem')} />
              </Form.Item>
              <Form.Item name="requireCommitmentLetter" label={t('rules.fields.requireCommitmentLetter')} valuePropName="checked">
                <Switch checkedChildren={t('rules.requiredItem')} unCheckedChildren={t('rules.notRequiredItem')} />
              </Form.Item>
            </Space>
          </Col>
          <Col span={24}>
            <Form.Item name="requiredCourseIds" label={t('rules.fields.requiredCourseIds')} extra={t('rules.extra.requiredCourseIds')}>
              <CoursePicker year={rule.year} disabled={!editable} />
            </Form.Item>
          </Col>
        </Row>
        {editable && (
          <Space wrap>
            <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={saving.loading}>
              {t('rules.save')}
            </Button>
            <Button
              disabled={!dirty}
              onClick={() => {
                form.resetFields();
                setDirty(false);
              }}
            >
              {t('user.undo')}
            </Button>
            <Typography.Text type="secondary">{t('rules.saveHint')}</Typography.Text>
          </Space>
        )}
      </Form>
      {runId && <RunProgress id={runId} onForget={() => { sessionStorage.removeItem(runKey(rule.year, rule.tier)); setRunId(null); }} />}
    </>
  );
}

/** A recompute run read every second until it is done: done / total cadres. */
function RunProgress({ id, onForget }: { id: string; onForget: () => void }) {
  const { t } = useTranslation('adminPeople');
  const query = useQuery(RunDocument, { variables: { id }, pollInterval: 1000, fetchPolicy: 'network-only' });
  const run = query.data?.completionRun;
  const { stopPolling } = query;
  useEffect(() => {
    if (run && run.status !== 'RUNNING') stopPolling();
  }, [run, stopPolling]);
  useEffect(() => {
    // a run that no longer exists (another database, another session) is forgotten
    if (query.error && !run) onForget();
  }, [query.error, run, onForget]);
  if (!run) return null;
  const percent = run.total > 0 ? Math.round((run.done / run.total) * 100) : run.status === 'DONE' ? 100 : 0;
  return (
    <Card size="small" style={{ marginTop: 16 }} data-testid="rule-run" aria-live="polite">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Typography.Text strong>{t('rules.run.title', { tier: run.tier ? t(`common:tiers.${run.tier}`) : '', year: run.year })}</Typography.Text>
          {run.status === 'RUNNING' && <Tag color="processing">{t('rules.run.RUNNING')}</Tag>}
          {run.status === 'DONE' && (
            <Tag color="success" icon={<CheckCircleOutlined />}>
              {t('rules.run.DONE')}
            </Tag>
          )}
          {run.status === 'FAILED' && (
            <Tag color="error" icon={<CloseCircleOutlined />}>
              {t('rules.run.FAILED')}
            </Tag>
          )}
        </Space>
        <Progress percent={percent} status={run.status === 'FAILED' ? 'exception' : run.status === 'DONE' ? 'success' : 'active'} aria-label={t('rules.run.progress')} />
        <Typography.Text type="secondary" data-testid="rule-run-count">
          {t('rules.run.count', { done: run.done, total: run.total })} · {t('rules.run.started', { at: formatDateTime(run.startedAt) })}
          {run.finishedAt ? ` · ${t('rules.run.finished', { at: formatDateTime(run.finishedAt) })}` : ''}
        </Typography.Text>
        {run.error && <Alert type="error" showIcon title={run.error} />}
      </Space>
    </Card>
  );
}

/** Courses by title (the year's catalogue of the administrator's subtree), showing the titles of those already chosen. */
function CoursePicker({ value = [], onChange, year, disabled, id }: { value?: string[]; onChange?: (v: string[]) => void; year: number; disabled?: boolean; id?: string }) {
  const { t } = useTranslation('adminPeople');
  const client = useApolloClient();
  const [keyword, setKeyword] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const list = useQuery(RuleCoursesDocument, { variables: { keyword: keyword || undefined, year } });
  const [titles, setTitles] = useState<Record<string, { title: string; status?: string } | null>>({});

  const listed = useMemo(() => list.data?.courses.nodes ?? [], [list.data]);
  useEffect(() => {
    const missing = value.filter((v) => !(v in titles) && !listed.some((c) => c.id === v));
    if (!missing.length) return;
    let cancelled = false;
    void Promise.all(
      missing.map((courseId) =>
        client
          .query({ query: CourseTitleDocument, variables: { id: courseId } })
          .then((r) => [courseId, r.data ? { title: r.data.course.title, status: r.data.course.status } : null] as const)
          .catch(() => [courseId, null] as const),
      ),
    ).then((found) => {
      if (!cancelled) setTitles((prev) => ({ ...prev, ...Object.fromEntries(found) }));
    });
    return () => {
      cancelled = true;
    };
  }, [value, titles, listed, client]);

  const label = (title: string, status?: string) => (status && status !== 'PUBLISHED' ? `${title}（${t(`rules.courseStatus.${status}`)}）` : title);
  const options = [
    ...listed.map((c) => ({ value: c.id, label: `${label(c.title, c.status)} · ${t('rules.courseHours', { hours: c.classHours })}` })),
    ...value.filter((v) => !listed.some((c) => c.id === v)).map((v) => ({ value: v, label: titles[v] ? label(titles[v]!.title, titles[v]!.status) : titles[v] === null ? t('rules.unknownCourse', { id: v.slice(0, 8) }) : t('rules.loadingCourse') })),
  ];

  return (
    <Select
      id={id}
      mode="multiple"
      value={value}
      onChange={onChange}
      disabled={disabled}
      options={options}
      loading={list.loading}
      placeholder={t('rules.chooseCourses')}
      notFoundContent={list.loading ? t('rules.loadingCourse') : t('rules.noCourses', { year })}
      showSearch={{
        filterOption: false,
        onSearch: (v) => {
          if (timer.current) clearTimeout(timer.current);
          timer.current = setTimeout(() => setKeyword(v.trim()), 300);
        },
      }}
      style={{ width: '100%' }}
    />
  );
}
