import { useMutation } from '@apollo/client/react';
import { Alert, App, Button, DatePicker, Form, Input, InputNumber, Radio, Space, Switch } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { graphql } from '../../../gql';
import type { QuizMode, ReviewPolicy, ScoringRule, TrainerQuizQuery } from '../../../gql/graphql';
import { showMappedFieldErrors } from '../shared/forms';
import { UnitSelect, useUnitNames } from '../shared/pickers';

const CreateQuizDocument = graphql(`
  mutation TrainerCreateQuiz($input: QuizInput!) {
    createQuiz(input: $input) {
      id
      status
    }
  }
`);

export const UpdateQuizDocument = graphql(`
  mutation TrainerUpdateQuiz($id: ID!, $input: UpdateQuizInput!) {
    updateQuiz(id: $id, input: $input) {
      ...TrainerQuizFields
    }
  }
`);

interface QuizValues {
  title: string;
  description?: string;
  mode: QuizMode;
  contest?: boolean;
  integrityExam?: boolean;
  liveRanking?: boolean;
  opensAt?: Dayjs | null;
  closesAt?: Dayjs | null;
  timeLimitMinutes?: number | null;
  maxAttempts?: number | null;
  minDelayMinutes?: number | null;
  passMark: number;
  scoring: ScoringRule;
  reviewPolicy: ReviewPolicy;
  classHours?: number | null;
  audienceUnitIds?: string[];
  /** A new DRAW quiz (or a fixed one turning into a drawn one) starts with one rule of this many questions. */
  firstRuleCount?: number;
}

/** What a published quiz may still change (its schedule); the rest is fixed so attempts stay comparable. */
const SCHEDULE: (keyof QuizValues)[] = ['title', 'description', 'opensAt', 'closesAt', 'maxAttempts', 'minDelayMinutes', 'liveRanking'];
const RENAME = { timeLimitSeconds: 'timeLimitMinutes', minDelaySeconds: 'minDelayMinutes' };
const TIME = { format: 'HH:mm' };
const FORMAT = 'YYYY-MM-DD HH:mm';

/** A quiz's settings: mode, window, time limit, attempts and delay, pass mark, scoring, review policy, class hours, audience; contest and integrity-exam flags. */
export function QuizSettingsForm({ quiz, onSaved }: { quiz?: TrainerQuizQuery['quiz']; onSaved: (id: string) => void }) {
  const { t } = useTranslation('trainer');
  const { message } = App.useApp();
  const [form] = Form.useForm<QuizValues>();
  const contest = Form.useWatch('contest', form) ?? quiz?.contest ?? false;
  const mode: QuizMode = Form.useWatch('mode', form) ?? quiz?.mode ?? 'FIXED';
  const needsFirstRule = mode === 'DRAW' && quiz?.mode !== 'DRAW';
  const [create, creating] = useMutation(CreateQuizDocument);
  const [update, updating] = useMutation(UpdateQuizDocument);
  const [problem, setProblem] = useState<string | null>(null);
  const published = quiz?.status === 'PUBLISHED';
  const archived = quiz?.status === 'ARCHIVED';
  const locked = (field: keyof QuizValues) => archived || (published && !SCHEDULE.includes(field));

  const submit = async (v: QuizValues) => {
    setProblem(null);
    const all = {
      title: v.title.trim(),
      description: v.description?.trim() ?? '',
      mode: v.mode,
      contest: Boolean(v.contest),
      integrityExam: Boolean(v.integrityExam),
      liveRanking: Boolean(v.contest && v.liveRanking),
      opensAt: v.opensAt ? v.opensAt.toISOString() : null,
      closesAt: v.closesAt ? v.closesAt.toISOString() : null,
      timeLimitSeconds: v.timeLimitMinutes ? Math.round(v.timeLimitMinutes * 60) : null,
      maxAttempts: v.maxAttempts ?? null,
      minDelaySeconds: v.minDelayMinutes ? Math.round(v.minDelayMinutes * 60) : 0,
      passMark: v.passMark,
      scoring: v.scoring,
      reviewPolicy: v.reviewPolicy,
      classHours: v.classHours ?? 0,
      audienceUnitIds: v.audienceUnitIds ?? [],
      // the API keeps questions or rules of the quiz's mode only: a change of mode starts the other afresh
      ...(v.mode === 'DRAW' && quiz?.mode !== 'DRAW' ? { drawRules: [{ count: v.firstRuleCount ?? 10 }], questionIds: [] } : {}),
      ...(v.mode === 'FIXED' && quiz?.mode === 'DRAW' ? { drawRules: [], questionIds: [] } : {}),
    };
    try {
      if (quiz) {
        const input = published
          ? { title: all.title, description: all.description, opensAt: all.opensAt, closesAt: all.closesAt, maxAttempts: all.maxAttempts, minDelaySeconds: all.minDelaySeconds, liveRanking: all.liveRanking }
          : all;
        await update({ variables: { id: quiz.id, input } });
        void message.success(t('quizForm.saved'));
        onSaved(quiz.id);
      } else {
        const res = await create({ variables: { input: all } });
        void message.success(t('quizForm.created'));
        onSaved(res.data!.createQuiz.id);
      }
    } catch (e) {
      setProblem(showMappedFieldErrors(form, e, t, RENAME));
    }
  };

  return (
    <Form<QuizValues>
      form={form}
      layout="vertical"
      onFinish={submit}
      onValuesChange={() => setProblem(null)}
      disabled={archived}
      initialValues={
        quiz
          ? {
              title: quiz.title,
              description: quiz.description,
              mode: quiz.mode,
              contest: quiz.contest,
              integrityExam: quiz.integrityExam,
              liveRanking: quiz.liveRanking,
              opensAt: quiz.opensAt ? dayjs(quiz.opensAt) : null,
              closesAt: quiz.closesAt ? dayjs(quiz.closesAt) : null,
              timeLimitMinutes: quiz.timeLimitSeconds ? quiz.timeLimitSeconds / 60 : null,
              maxAttempts: quiz.maxAttempts ?? null,
              minDelayMinutes: quiz.minDelaySeconds ? quiz.minDelaySeconds / 60 : null,
              passMark: quiz.passMark,
              scoring: quiz.scoring,
              reviewPolicy: quiz.reviewPolicy,
              classHours: quiz.classHours,
              audienceUnitIds: quiz.audienceUnitIds,
            }
          : { mode: 'FIXED', passMark: 60, scoring: 'HIGHEST', reviewPolicy: 'AFTER_SUBMIT', classHours: 0, contest: false, integrityExam: false, liveRanking: false, description: '', audienceUnitIds: [] }
      }
    >
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} role="alert" />}
      {published && <Alert type="info" showIcon title={t('quizForm.publishedHint')} style={{ marginBottom: 16 }} />}
      <Form.Item name="title" label={t('quizForm.title')} rules={[{ required: true, whitespace: true, message: t('quizForm.titleRequired') }, { max: 200, message: t('tourForm.tooLong') }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="description" label={t('quizForm.description')} extra={t('quizForm.descriptionHint')} rules={[{ max: 5000, message: t('questionForm.tooLong5000') }]}>
        <Input.TextArea rows={2} maxLength={5000} />
      </Form.Item>
      <Form.Item name="mode" label={t('quizForm.mode')} extra={t('quizForm.modeHint')}>
        <Radio.Group disabled={locked('mode')} optionType="button" options={(['FIXED', 'DRAW'] as const).map((m) => ({ value: m, label: t(`quizzes.modes.${m}`) }))} />
      </Form.Item>
      {needsFirstRule && (
        <Form.Item name="firstRuleCount" label={t('quizForm.firstRuleCount')} extra={t('quizForm.firstRuleHint')} initialValue={10} rules={[{ required: true, message: t('drawRules.countRequired') }]}>
          <InputNumber min={1} max={200} precision={0} suffix={t('drawRules.questionsUnit')} style={{ width: 140 }} />
        </Form.Item>
      )}
      {quiz && !published && mode !== quiz.mode && <Alert type="warning" showIcon title={t('quizForm.modeChange')} style={{ marginBottom: 16 }} />}
      <Space wrap size="large">
        <Form.Item name="contest" label={t('quizForm.contest')} valuePropName="checked" extra={t('quizForm.contestHint')}>
          <Switch disabled={locked('contest')} />
        </Form.Item>
        {contest && (
          <Form.Item name="liveRanking" label={t('quizForm.liveRanking')} valuePropName="checked" extra={t('quizForm.liveRankingHint')}>
            <Switch disabled={locked('liveRanking')} />
          </Form.Item>
        )}
        <Form.Item name="integrityExam" label={t('quizForm.integrityExam')} valuePropName="checked" extra={t('quizForm.integrityExamHint')}>
          <Switch disabled={locked('integrityExam')} />
        </Form.Item>
      </Space>
      <Space wrap align="start">
        <Form.Item name="opensAt" label={t('quizForm.opensAt')} rules={contest ? [{ required: true, message: t('quizForm.contestWindow') }] : []}>
          <DatePicker showTime={TIME} format={FORMAT} placeholder={t('quizForm.anyTime')} />
        </Form.Item>
        <Form.Item
          name="closesAt"
          label={t('quizForm.closesAt')}
          dependencies={['opensAt', 'reviewPolicy']}
          rules={[
            ...(contest ? [{ required: true, message: t('quizForm.contestWindow') }] : []),
            ({ getFieldValue }) => ({
              validator: (_, v: Dayjs | null | undefined) => {
                const opens = getFieldValue('opensAt') as Dayjs | null | undefined;
                if (v && opens && !v.isAfter(opens)) return Promise.reject(new Error(t('quizForm.closesAfterOpens')));
                if (!v && getFieldValue('reviewPolicy') === 'AFTER_CLOSE') return Promise.reject(new Error(t('quizForm.afterCloseNeedsClose')));
                return Promise.resolve();
              },
            }),
          ]}
        >
          <DatePicker showTime={TIME} format={FORMAT} placeholder={t('quizForm.noClose')} />
        </Form.Item>
      </Space>
      <Space wrap align="start">
        <Form.Item name="timeLimitMinutes" label={t('quizForm.timeLimit')} extra={t('quizForm.timeLimitHint')}>
          <InputNumber min={1} max={1440} precision={0} suffix={t('quizForm.minutes')} style={{ width: 140 }} disabled={locked('timeLimitMinutes')} />
        </Form.Item>
        <Form.Item name="maxAttempts" label={t('quizForm.maxAttempts')} extra={t('quizForm.maxAttemptsHint')}>
          <InputNumber min={1} max={100} precision={0} suffix={t('quizForm.times')} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="minDelayMinutes" label={t('quizForm.minDelay')} extra={t('quizForm.minDelayHint')}>
          <InputNumber min={0} max={100000} precision={0} suffix={t('quizForm.minutes')} style={{ width: 140 }} />
        </Form.Item>
      </Space>
      <Space wrap align="start">
        <Form.Item name="passMark" label={t('quizForm.passMark')} rules={[{ required: true, message: t('quizForm.passMarkRequired') }]}>
          <InputNumber min={0} max={100} precision={1} suffix="%" style={{ width: 120 }} disabled={locked('passMark')} />
        </Form.Item>
        <Form.Item name="classHours" label={t('quizForm.classHours')} extra={t('quizForm.classHoursHint')}>
          <InputNumber min={0} max={999} step={0.5} precision={2} style={{ width: 120 }} disabled={locked('classHours')} />
        </Form.Item>
      </Space>
      <Form.Item name="scoring" label={t('quizForm.scoring')}>
        <Radio.Group disabled={locked('scoring')} options={(['HIGHEST', 'LATEST'] as const).map((s) => ({ value: s, label: t(`quizzes.scoring.${s}`) }))} />
      </Form.Item>
      <Form.Item name="reviewPolicy" label={t('quizForm.reviewPolicy')}>
        <Radio.Group disabled={locked('reviewPolicy')} options={(['AFTER_SUBMIT', 'AFTER_CLOSE', 'NEVER'] as const).map((r) => ({ value: r, label: t(`quizzes.review.${r}`) }))} />
      </Form.Item>
      <Form.Item name="audienceUnitIds" label={t('quizForm.audience')} extra={t('quizForm.audienceHint')}>
        {locked('audienceUnitIds') ? <UnitNamesField /> : <UnitSelect />}
      </Form.Item>
      {!archived && (
        <Button type="primary" htmlType="submit" loading={creating.loading || updating.loading}>
          {quiz ? t('quizForm.save') : t('quizForm.create')}
        </Button>
      )}
    </Form>
  );
}

/** The audience of a published quiz, read only. */
function UnitNamesField({ value }: { value?: string[] }) {
  const { t } = useTranslation('trainer');
  const names = useUnitNames(value ?? []);
  return <span>{names.length ? names.join(t('sep.list')) : t('quizForm.ownUnit')}</span>;
}
