import { InboxOutlined, LeftOutlined, SendOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, App, Button, Card, Descriptions, Popconfirm, Space, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { apiProblem, problemText } from '../../../components/errors';
import { QueryState } from '../../../components/PageState';
import { graphql } from '../../../gql';
import { formatDateTime, formatHours } from '../../../lib/time';
import { clock } from '../../cadre/learning/format';
import { StatusTag } from '../shared/labels';
import { DrawRulesPanel, FixedQuestionsPanel } from './QuizQuestions';
import { RankingsPanel, ReviewPanel } from './QuizResults';
import { QuizSettingsForm } from './QuizSettingsForm';

export const QuizFieldsFragment = graphql(`
  fragment TrainerQuizFields on Quiz {
    id
    title
    description
    mode
    status
    contest
    integrityExam
    liveRanking
    opensAt
    closesAt
    timeLimitSeconds
    maxAttempts
    minDelaySeconds
    passMark
    scoring
    reviewPolicy
    classHours
    audienceUnitIds
    unitId
    drawRules {
      count
      kind
      subject
      minDifficulty
      maxDifficulty
      tags
      points
    }
  }
`);

const QuizDocument = graphql(`
  query TrainerQuiz($id: ID!) {
    quiz(id: $id) {
      ...TrainerQuizFields
    }
  }
`);

const PublishQuizDocument = graphql(`
  mutation TrainerPublishQuiz($id: ID!) {
    publishQuiz(id: $id) {
      ...TrainerQuizFields
    }
  }
`);

const ArchiveQuizDocument = graphql(`
  mutation TrainerArchiveQuiz($id: ID!) {
    archiveQuiz(id: $id) {
      ...TrainerQuizFields
    }
  }
`);

/** One quiz, integrity exam or contest: settings, its questions (a fixed list or draw rules), publishing, rankings and short answers to score. */
export function QuizEditorPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('trainer');
  const { message } = App.useApp();
  const query = useQuery(QuizDocument, { variables: { id } });
  const [publish, publishing] = useMutation(PublishQuizDocument);
  const [archive, archiving] = useMutation(ArchiveQuizDocument);
  const [problem, setProblem] = useState<string | null>(null);
  const [tab, setTab] = useState('questions');

  const act = async (action: () => Promise<unknown>, done: string) => {
    setProblem(null);
    try {
      await action();
      void message.success(done);
    } catch (e) {
      setProblem(problemText(apiProblem(e), t));
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Link to="/studio/quizzes">
        <LeftOutlined /> {t('quiz.back')}
      </Link>
      <QueryState loading={query.loading} error={query.error} data={query.data} retry={() => void query.refetch()}>
        {({ quiz }) => {
          const draft = quiz.status === 'DRAFT';
          return (
            <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
              <Card size="small">
                <Space style={{ width: '100%', justifyContent: 'space-between' }} align="start" wrap>
                  <Space orientation="vertical" size={4}>
                    <Typography.Title level={4} style={{ margin: 0 }}>
                      {quiz.title}
                    </Typography.Title>
                    <Space size={4} wrap data-testid="quiz-status">
                      <StatusTag status={quiz.status} group="quiz" />
                      <Tag>{t(`quizzes.modes.${quiz.mode}`)}</Tag>
                      {quiz.contest && <Tag color="gold">{t('quizzes.contest')}</Tag>}
                      {quiz.integrityExam && <Tag color="purple">{t('quizzes.integrityExam')}</Tag>}
                    </Space>
                  </Space>
                  <Space wrap>
                    {draft && (
                      <Popconfirm title={t('quiz.publishConfirm')} description={t('quiz.publishHint')} okText={t('quiz.publish')} cancelText={t('actions.cancel')} onConfirm={() => void act(() => publish({ variables: { id } }), t('quiz.published'))}>
                        <Button type="primary" icon={<SendOutlined />} loading={publishing.loading}>
                          {t('quiz.publish')}
                        </Button>
                      </Popconfirm>
                    )}
                    {quiz.status !== 'ARCHIVED' && (
                      <Popconfirm title={t('quiz.archiveConfirm')} description={t('quiz.archiveHint')} okText={t('quiz.archive')} cancelText={t('actions.cancel')} onConfirm={() => void act(() => archive({ variables: { id } }), t('quiz.archived'))}>
                        <Button icon={<InboxOutlined />} loading={archiving.loading}>
                          {t('quiz.archive')}
                        </Button>
                      </Popconfirm>
                    )}
                  </Space>
                </Space>
                {problem && <Alert type="error" showIcon title={t('quiz.refused')} description={problem} style={{ marginTop: 12 }} role="alert" data-testid="quiz-problem" closable={{ onClose: () => setProblem(null) }} />}
                <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }} style={{ marginTop: 12 }}>
                  <Descriptions.Item label={t('quizForm.passMark')}>{quiz.passMark}%</Descriptions.Item>
                  <Descriptions.Item label={t('quizForm.timeLimit')}>{quiz.timeLimitSeconds ? clock(quiz.timeLimitSeconds) : t('quiz.noLimit')}</Descriptions.Item>
                  <Descriptions.Item label={t('quizForm.maxAttempts')}>{quiz.maxAttempts ?? t('quiz.unlimited')}</Descriptions.Item>
                  <Descriptions.Item label={t('quizForm.classHours')}>{formatHours(quiz.classHours)}</Descriptions.Item>
                  <Descriptions.Item label={t('quiz.window')}>{quiz.opensAt || quiz.closesAt ? `${formatDateTime(quiz.opensAt) || '…'} – ${formatDateTime(quiz.closesAt) || '…'}` : t('quizzes.anyTime')}</Descriptions.Item>
                  <Descriptions.Item label={t('quizForm.reviewPolicy')}>{t(`quizzes.review.${quiz.reviewPolicy}`)}</Descriptions.Item>
                  <Descriptions.Item label={t('quizForm.scoring')}>{t(`quizzes.scoring.${quiz.scoring}`)}</Descriptions.Item>
                </Descriptions>
              </Card>
              <Tabs
                activeKey={tab}
                onChange={setTab}
                destroyOnHidden
                items={[
                  {
                    key: 'questions',
                    label: quiz.mode === 'FIXED' ? t('quiz.tabs.fixed') : t('quiz.tabs.draw'),
                    children: quiz.mode === 'FIXED' ? <FixedQuestionsPanel quizId={quiz.id} editable={draft} /> : <DrawRulesPanel quiz={quiz} editable={draft} />,
                  },
                  { key: 'settings', label: t('quiz.tabs.settings'), children: <QuizSettingsForm key={quiz.status} quiz={quiz} onSaved={() => void query.refetch()} /> },
                  ...(quiz.contest ? [{ key: 'rankings', label: t('quiz.tabs.rankings'), children: <RankingsPanel quizId={quiz.id} /> }] : []),
                  { key: 'review', label: t('quiz.tabs.review'), children: <ReviewPanel quizId={quiz.id} /> },
                ]}
              />
            </Space>
          );
        }}
      </QueryState>
    </Space>
  );
}
