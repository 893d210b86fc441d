import { CheckCircleFilled, ClockCircleOutlined, CloseCircleFilled, LeftOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, App, Button, Card, Checkbox, Descriptions, Input, List, Radio, Result, Segmented, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { apiProblem, problemText } from '../../../components/errors';
import { QueryState } from '../../../components/PageState';
import { graphql } from '../../../gql';
import type { AnswerInput, LearningQuizAttemptQuery, LearningQuizQuery } from '../../../gql/graphql';
import { formatDateTime, formatHours } from '../../../lib/time';
import { CommitmentLetter } from './CommitmentLetter';
import { clock, score } from './format';

const QuizDocument = graphql(`
  query LearningQuiz($id: ID!) {
    quiz(id: $id) {
      id
      title
      description
      integrityExam
      contest
      timeLimitSeconds
      passMark
      maxAttempts
      opensAt
      closesAt
      classHours
      reviewPolicy
      myAttempts {
        id
        number
        status
        score
        maxScore
        percent
        passed
        startedAt
        submittedAt
      }
    }
  }
`);

const StartAttemptDocument = graphql(`
  mutation LearningStartQuizAttempt($quizId: ID!) {
    startQuizAttempt(quizId: $quizId) {
      id
      status
    }
  }
`);

const AttemptDocument = graphql(`
  query LearningQuizAttempt($id: ID!) {
    quizAttempt(id: $id) {
      id
      quizId
      quizTitle
      number
      status
      startedAt
      submittedAt
      deadlineAt
      serverTime
      autoSubmitted
      score
      maxScore
      percent
      passed
      reviewAvailable
      items {
        position
        kind
        stem
        points
        options {
          label
          text
        }
        response {
          choices
          text
          truth
        }
        review {
          correct
          correctAnswer
          explanation
          score
          source
          comment
        }
      }
    }
  }
`);

const SaveAnswerDocument = graphql(`
  mutation LearningSaveQuizAnswer($attemptId: ID!, $position: Int!, $answer: AnswerInput!, $seq: Int) {
    saveQuizAnswer(attemptId: $attemptId, position: $position, answer: $answer, seq: $seq) {
      position
      answeredAt
    }
  }
`);

const SubmitAttemptDocument = graphql(`
  mutation LearningSubmitQuizAttempt($attemptId: ID!) {
    submitQuizAttempt(attemptId: $attemptId) {
      id
      status
    }
  }
`);

type Quiz = LearningQuizQuery['quiz'];
type Attempt = LearningQuizAttemptQuery['quizAttempt'];
type Item = Attempt['items'][number];

/** A quiz: its rules and my attempts; taking an attempt (`?attempt=`); its result and, when allowed, the review. */
export function QuizPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('learning');
  const [params, setParams] = useSearchParams();
  const attemptId = params.get('attempt');
  const query = useQuery(QuizDocument, { variables: { id } });
  const showAttempt = useCallback((attempt: string | null) => setParams(attempt ? { attempt } : {}), [setParams]);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {attemptId ? (
        <Button type="link" icon={<LeftOutlined />} style={{ padding: 0, alignSelf: 'flex-start' }} onClick={() => showAttempt(null)}>
          {t('quiz.backToQuiz')}
        </Button>
      ) : (
        <Link to="/study/quizzes">
          <LeftOutlined /> {t('quiz.back')}
        </Link>
      )}
      <QueryState loading={query.loading} error={query.error} data={query.data} retry={() => void query.refetch()}>
        {({ quiz }) =>
          attemptId ? (
            <AttemptView key={attemptId} attemptId={attemptId} quiz={quiz} onDone={() => void query.refetch()} onAttempt={showAttempt} />
          ) : (
            <QuizIntro quiz={quiz} onAttempt={showAttempt} />
          )
        }
      </QueryState>
    </Space>
  );
}

function QuizIntro({ quiz, onAttempt }: { quiz: Quiz; onAttempt: (id: string) => void }) {
  const { t } = useTranslation('learning');
  const [start, starting] = useMutation(StartAttemptDocument);
  const [error, setError] = useState<string | null>(null);
  const open = quiz.myAttempts.find((a) => a.status === 'IN_PROGRESS');

  const onStart = async () => {
    setError(null);
    try {
      const res = await start({ variables: { quizId: quiz.id } });
      if (res.data) onAttempt(res.data.startQuizAttempt.id);
    } catch (e) {
      setError(problemText(apiProblem(e), t));
    }
  };

  return (
    <>
      <Card size="small">
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {quiz.title}
        </Typography.Title>
        <Space size={[4, 4]} wrap style={{ marginBottom: 8 }}>
          {quiz.integrityExam && <Tag color="red">{t('quizzes.integrityExam')}</Tag>}
          {quiz.contest && <Tag color="purple">{t('quizzes.contest')}</Tag>}
          {quiz.classHours > 0 && <Tag>{t('quizzes.hours', { hours: formatHours(quiz.classHours) })}</Tag>}
        </Space>
        {quiz.description && <Typography.Paragraph>{quiz.description}</Typography.Paragraph>}
        <Descriptions title={t('quiz.rules')} size="small" column={1} bordered>
          <Descriptions.Item label={t('quiz.timeLimit')}>{quiz.timeLimitSeconds ? t('quiz.minutes', { minutes: Math.round(quiz.timeLimitSeconds / 60) }) : t('quiz.unlimited')}</Descriptions.Item>
          <Descriptions.Item label={t('quiz.passMark')}>{t('quiz.percent', { value: score(quiz.passMark) })}</Descriptions.Item>
          <Descriptions.Item label={t('quiz.maxAttempts')}>
            {quiz.maxAttempts ? t('quiz.attemptsOf', { used: quiz.myAttempts.length, max: quiz.maxAttempts }) : t('quiz.attemptsUnlimited', { used: quiz.myAttempts.length })}
          </Descriptions.Item>
          {quiz.closesAt && <Descriptions.Item label={t('quiz.window')}>{t('quiz.closesAt', { date: formatDateTime(quiz.closesAt) })}</Descriptions.Item>}
          <Descriptions.Item label={t('quiz.review')}>{t(`quiz.reviewPolicies.${quiz.reviewPolicy}`)}</Descriptions.Item>
        </Descriptions>
        {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
        <Button type="primary" size="large" block style={{ marginTop: 16 }} loading={starting.loading} onClick={() => void (open ? onAttempt(open.id) : onStart())}>
          {open ? t('quiz.resume') : quiz.myAttempts.length ? t('quiz.retake') : t('quiz.start')}
        </Button>
      </Card>
      {quiz.myAttempts.length > 0 && (
        <Card size="small" title={t('quiz.history')}>
          <List
            dataSource={[...quiz.myAttempts].sort((a, b) => b.number - a.number)}
            renderItem={(a) => (
              <List.Item key={a.id} actions={[<Button key="view" type="link" onClick={() => onAttempt(a.id)} aria-label={`${t('quiz.view')} ${t('quiz.attemptNo', { number: a.number })}`}>{t('quiz.view')}</Button>]}>
                <List.Item.Meta title={t('quiz.attemptNo', { number: a.number })} description={formatDateTime(a.submittedAt ?? a.startedAt)} />
                <AttemptTag status={a.status} passed={a.passed} percent={a.percent} />
              </List.Item>
            )}
          />
        </Card>
      )}
    </>
  );
}

function AttemptTag({ status, passed, percent }: { status: string; passed?: boolean | null; percent?: number | null }) {
  const { t } = useTranslation('learning');
  if (status === 'IN_PROGRESS') return <Tag color="processing">{t('quizzes.inProgress')}</Tag>;
  if (status === 'PENDING_REVIEW') return <Tag color="gold">{t('quizzes.pending')}</Tag>;
  return <Tag color={passed ? 'success' : 'error'}>{`${passed ? t('quizzes.passed') : t('quizzes.notPassed')} · ${t('quiz.percentValue', { percent: score(percent) })}`}</Tag>;
}

function AttemptView({ attemptId, quiz, onDone, onAttempt }: { attemptId: string; quiz: Quiz; onDone: () => void; onAttempt: (id: string | null) => void }) {
  const query = useQuery(AttemptDocument, { variables: { id: attemptId }, fetchPolicy: 'network-only' });
  return (
    <QueryState loading={query.loading} error={query.error} data={query.data} retry={() => void query.refetch()}>
      {({ quizAttempt }) =>
        quizAttempt.status === 'IN_PROGRESS' ? (
          <TakeAttempt
            attempt={quizAttempt}
            onFinished={() => {
              void query.refetch();
              onDone();
            }}
          />
        ) : (
          <AttemptResult attempt={quizAttempt} quiz={quiz} onAttempt={onAttempt} />
        )
      }
    </QueryState>
  );
}

type SaveState = { state: 'saving' | 'saved' | 'failed'; message?: string };

function isAnswered(a: AnswerInput | undefined): boolean {
  if (!a) return false;
  if (a.choices) return a.choices.length > 0;
  if (a.text != null) return a.text.trim().length > 0;
  return a.truth != null;
}

/** Answering: one question per screen or all on one page, a countdown from the server's deadline, autosave, submit after confirming. */
function TakeAttempt({ attempt, onFinished }: { attempt: Attempt; onFinished: () => void }) {
  const { t } = useTranslation('learning');
  const { modal } = App.useApp();
  const [saveAnswer] = useMutation(SaveAnswerDocument);
  const [submitAttempt, submitting] = useMutation(SubmitAttemptDocument);
  const items = attempt.items;
  const [answers, setAnswers] = useState<Record<number, AnswerInput>>(() =>
    Object.fromEntries(items.filter((i) => i.response).map((i) => [i.position, { choices: i.response!.choices ?? undefined, text: i.response!.text ?? undefined, truth: i.response!.truth ?? undefined }])),
  );
  const [layout, setLayout] = useState<'one' | 'all'>('one');
  const [current, setCurrent] = useState(0);
  const [save, setSave] = useState<SaveState | null>(null);
  const [submitError, setSubmitError] = useState<string | null>(null);

  // the countdown runs on the server's clock: the offset between it and this device is measured once
  const offset = useRef(new Date(attempt.serverTime).getTime() - Date.now());
  const deadline = attempt.deadlineAt ? new Date(attempt.deadlineAt).getTime() : null;
  const [now, setNow] = useState(() => Date.now() + offset.current);
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now() + offset.current), 1000);
    return () => window.clearInterval(timer);
  }, []);
  const remaining = deadline === null ? null : Math.max(0, Math.ceil((deadline - now) / 1000));
  const timeUp = remaining === 0;
  useEffect(() => {
    if (!timeUp) return;
    // the server closes the attempt at its deadline; read it back shortly after
    const timer = window.setTimeout(onFinished, 3000);
    return () => window.clearTimeout(timer);
  }, [timeUp, onFinished]);

  // autosave: every change is saved with a sequence number (a late, older save is harmless); typing waits a moment
  const seq = useRef(0);
  const pending = useRef(new Map<number, Promise<unknown>>());
  const typing = useRef(new Map<number, number>());
  const send = useCallback(
    (position: number, answer: AnswerInput) => {
      seq.current += 1;
      setSave({ state: 'saving' });
      const p = saveAnswer({ variables: { attemptId: attempt.id, position, answer, seq: seq.current } })
        .then(() => setSave({ state: 'saved' }))
        .catch((e: unknown) => setSave({ state: 'failed', message: problemText(apiProblem(e), t) }))
        .finally(() => {
          if (pending.current.get(position) === p) pending.current.delete(position);
        });
      pending.current.set(position, p);
    },
    [attempt.id, saveAnswer, t],
  );
  const change = (position: number, answer: AnswerInput, debounce = false) => {
    setAnswers((prev) => ({ ...prev, [position]: answer }));
    window.clearTimeout(typing.current.get(position));
    if (debounce) {
      typing.current.set(
        position,
        window.setTimeout(() => {
          typing.current.delete(position);
          send(position, answer);
        }, 800),
      );
    } else {
      send(position, answer);
    }
  };
  const latest = useRef(answers);
  latest.current = answers;
  const flush = async () => {
    for (const [position, timer] of typing.current) {
      window.clearTimeout(timer);
      send(position, latest.current[position]);
    }
    typing.current.clear();
    await Promise.all(pending.current.values());
  };
  useEffect(() => () => typing.current.forEach((timer) => window.clearTimeout(timer)), []);

  const answeredCount = items.filter((i) => isAnswered(answers[i.position])).length;

  const submit = async () => {
    setSubmitError(null);
    try {
      await flush();
      await submitAttempt({ variables: { attemptId: attempt.id } });
      onFinished();
    } catch (e) {
      setSubmitError(problemText(apiProblem(e), t));
    }
  };
  const confirmSubmit = () => {
    const unanswered = items.length - answeredCount;
    modal.confirm({
      title: t('quiz.confirmTitle'),
      content: unanswered > 0 ? t('quiz.confirmUnanswered', { count: unanswered }) : t('quiz.confirmBody'),
      okText: t('quiz.confirmOk'),
      cancelText: t('quiz.cancel'),
      onOk: submit,
    });
  };

  const shown = layout === 'one' ? [items[current]] : items;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small" style={{ position: 'sticky', top: 0, zIndex: 2 }}>
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <Typography.Text strong>{attempt.quizTitle}</Typography.Text>
          {remaining !== null && (
            <Typography.Text strong type={remaining < 60 ? 'danger' : undefined} role="timer" aria-label={t('quiz.countdown')} data-testid="countdown">
              <ClockCircleOutlined /> {t('quiz.countdown')} {clock(remaining)}
            </Typography.Text>
          )}
        </Space>
        <Space style={{ width: '100%', justifyContent: 'space-between', marginTop: 8 }} wrap>
          <Typography.Text type="secondary">{t('quiz.answered', { done: answeredCount, total: items.length })}</Typography.Text>
          <Typography.Text type={save?.state === 'failed' ? 'danger' : 'secondary'} aria-live="polite" data-testid="save-state">
            {save?.state === 'saving' ? t('quiz.saving') : save?.state === 'saved' ? t('quiz.saved') : save?.state === 'failed' ? t('quiz.saveFailed', { message: save.message }) : ''}
          </Typography.Text>
        </Space>
      </Card>
      {timeUp && <Alert type="warning" showIcon title={t('quiz.timeUp')} />}
      <Segmented
        aria-label={t('quiz.layout')}
        value={layout}
        onChange={(v) => setLayout(v as 'one' | 'all')}
        options={[
          { value: 'one', label: t('quiz.oneByOne') },
          { value: 'all', label: t('quiz.allOnPage') },
        ]}
      />
      {layout === 'one' && (
        <nav aria-label={t('quiz.sheet')}>
          <Space size={[6, 6]} wrap>
            {items.map((item, index) => (
              <Button
                key={item.position}
                size="small"
                shape="circle"
                type={index === current ? 'primary' : isAnswered(answers[item.position]) ? 'dashed' : 'default'}
                aria-current={index === current ? 'step' : undefined}
                aria-label={t('quiz.question', { n: index + 1, total: items.length })}
                onClick={() => setCurrent(index)}
                style={isAnswered(answers[item.position]) && index !== current ? { borderColor: '#1f6f5c', color: '#1f6f5c' } : undefined}
              >
                {index + 1}
              </Button>
            ))}
          </Space>
        </nav>
      )}
      {shown.map((item) => {
        const index = items.indexOf(item);
        return (
          <Card key={item.position} size="small" data-testid={`question-${index + 1}`}>
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Space size={[4, 4]} wrap>
                <Typography.Text type="secondary">{t('quiz.question', { n: index + 1, total: items.length })}</Typography.Text>
                <Tag>{t(`quiz.kinds.${item.kind}`)}</Tag>
                <Tag>{t('quiz.points', { points: score(item.points) })}</Tag>
              </Space>
              <Typography.Paragraph strong style={{ fontSize: 16, margin: 0 }} id={`stem-${item.position}`}>
                {item.stem}
              </Typography.Paragraph>
              <AnswerField item={item} value={answers[item.position]} disabled={timeUp} onChange={(answer, debounce) => change(item.position, answer, debounce)} />
            </Space>
          </Card>
        );
      })}
      {layout === 'one' && (
        <Space style={{ width: '100%', justifyContent: 'space-between' }}>
          <Button disabled={current === 0} onClick={() => setCurrent((c) => c - 1)}>
            {t('quiz.prev')}
          </Button>
          <Button type={current < items.length - 1 ? 'primary' : 'default'} disabled={current >= items.length - 1} onClick={() => setCurrent((c) => c + 1)}>
            {t('quiz.next')}
          </Button>
        </Space>
      )}
      {submitError && <Alert type="error" showIcon title={submitError} />}
      <Button type="primary" size="large" block danger={false} loading={submitting.loading} disabled={timeUp} onClick={confirmSubmit}>
        {t('quiz.submit')}
      </Button>
    </Space>
  );
}

function AnswerField({ item, value, disabled, onChange }: { item: Item; value: AnswerInput | undefined; disabled: boolean; onChange: (answer: AnswerInput, debounce?: boolean) => void }) {
  const { t } = useTranslation('learning');
  const labelledBy = `stem-${item.position}`;
  switch (item.kind) {
    case 'SINGLE_CHOICE':
      return (
        <Radio.Group aria-labelledby={labelledBy} disabled={disabled} value={value?.choices?.[0]} onChange={(e) => onChange({ choices: [e.target.value as string] })} style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
          {item.options.map((o) => (
            <Radio key={o.label} value={o.label}>
              {o.label}. {o.text}
            </Radio>
          ))}
        </Radio.Group>
      );
    case 'MULTIPLE_CHOICE':
      return (
        <Checkbox.Group aria-labelledby={labelledBy} disabled={disabled} value={value?.choices ?? []} onChange={(v) => onChange({ choices: [...(v as string[])].sort() })} style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
          {item.options.map((o) => (
            <Checkbox key={o.label} value={o.label}>
              {o.label}. {o.text}
            </Checkbox>
          ))}
        </Checkbox.Group>
      );
    case 'TRUE_FALSE':
      return (
        <Radio.Group aria-labelledby={labelledBy} disabled={disabled} value={value?.truth} onChange={(e) => onChange({ truth: e.target.value as boolean })} style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
          <Radio value={true}>{t('quiz.truthTrue')}</Radio>
          <Radio value={false}>{t('quiz.truthFalse')}</Radio>
        </Radio.Group>
      );
    case 'FILL_BLANK':
      return <Input aria-labelledby={labelledBy} disabled={disabled} placeholder={t('quiz.fillPlaceholder')} value={value?.text ?? ''} maxLength={500} onChange={(e) => onChange({ text: e.target.value }, true)} />;
    case 'SHORT_ANSWER':
      return <Input.TextArea aria-labelledby={labelledBy} disabled={disabled} placeholder={t('quiz.shortPlaceholder')} value={value?.text ?? ''} autoSize={{ minRows: 4 }} maxLength={5000} showCount onChange={(e) => onChange({ text: e.target.value }, true)} />;
  }
}

/** The result, and the review when the quiz's policy allows it. */
function AttemptResult({ attempt, quiz, onAttempt }: { attempt: Attempt; quiz: Quiz; onAttempt: (id: string | null) => void }) {
  const { t } = useTranslation('learning');
  const pending = attempt.status === 'PENDING_REVIEW';
  const reviewed = attempt.reviewAvailable && attempt.items.some((i) => i.review);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small">
        <Result
          status={pending ? 'info' : attempt.passed ? 'success' : 'warning'}
          title={<span data-testid="quiz-result">{pending ? t('quiz.pendingTitle') : attempt.passed ? t('quiz.passedTitle') : t('quiz.failedTitle')}</span>}
          subTitle={
            <Space orientation="vertical" size={2}>
              <span>
                {attempt.quizTitle} · {t('quiz.attemptNo', { number: attempt.number })}
              </span>
              {attempt.score != null && (
                <Typography.Text strong style={{ fontSize: 18 }} data-testid="quiz-score">
                  {t('quiz.score')} {t('quiz.scoreValue', { score: score(attempt.score), max: score(attempt.maxScore) })}（{t('quiz.percentValue', { percent: score(attempt.percent) })}）
                </Typography.Text>
              )}
            </Space>
          }
          extra={
            <Button onClick={() => onAttempt(null)} type="primary">
              {t('quiz.backToQuiz')}
            </Button>
          }
        />
        {attempt.autoSubmitted && <Alert type="warning" showIcon title={t('quiz.autoSubmitted')} />}
      </Card>
      {quiz.integrityExam && attempt.status === 'GRADED' && attempt.passed && <CommitmentLetter attemptId={attempt.id} />}
      {reviewed ? (
        <Card size="small" title={t('quiz.reviewTitle')}>
          <List dataSource={attempt.items} renderItem={(item, index) => <ReviewItem key={item.position} item={item} index={index} />} />
        </Card>
      ) : (
        !pending && <Alert type="info" showIcon title={quiz.reviewPolicy === 'NEVER' ? t('quiz.reviewNever') : t('quiz.reviewLater')} />
      )}
    </Space>
  );
}

function ReviewItem({ item, index }: { item: Item; index: number }) {
  const { t } = useTranslation('learning');
  const r = item.review;
  const shown = (values: string[]) => values.map((v) => (v === 'TRUE' ? t('quiz.truthTrue') : v === 'FALSE' ? t('quiz.truthFalse') : v)).join(item.kind === 'FILL_BLANK' ? ' / ' : '');
  const mine = item.response
    ? item.response.truth != null
      ? item.response.truth
        ? t('quiz.truthTrue')
        : t('quiz.truthFalse')
      : (item.response.choices?.join('') ?? item.response.text ?? '')
    : '';
  return (
    <List.Item style={{ display: 'block' }}>
      <Space orientation="vertical" size={4} style={{ width: '100%' }}>
        <Space size={[4, 4]} wrap>
          {r?.correct === true && <CheckCircleFilled style={{ color: '#52c41a' }} aria-label={t('quiz.correct')} />}
          {r?.correct === false && <CloseCircleFilled style={{ color: '#ff4d4f' }} aria-label={t('quiz.wrong')} />}
          <Typography.Text strong>
            {index + 1}. {item.stem}
          </Typography.Text>
          {r?.score != null && <Tag>{t('quiz.points', { points: `${score(r.score)} / ${score(item.points)}` })}</Tag>}
        </Space>
        {item.options.length > 0 && (
          <div>
            {item.options.map((o) => (
              <div key={o.label}>
                {o.label}. {o.text}
              </div>
            ))}
          </div>
        )}
        <Typography.Text>
          {t('quiz.yourAnswer')}：{mine || <Typography.Text type="secondary">{t('quiz.unanswered')}</Typography.Text>}
        </Typography.Text>
        {r && r.correctAnswer.length > 0 && (
          <Typography.Text type="success">
            {t('quiz.correctAnswer')}：{shown(r.correctAnswer)}
          </Typography.Text>
        )}
        {r?.explanation && (
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {t('quiz.explanation')}：{r.explanation}
          </Typography.Paragraph>
        )}
        {r?.source && (
          <Typography.Text type="secondary">
            {t('quiz.source')}：{r.source}
          </Typography.Text>
        )}
        {r?.comment && (
          <Typography.Text>
            {t('quiz.comment')}：{r.comment}
          </Typography.Text>
        )}
      </Space>
    </List.Item>
  );
}
