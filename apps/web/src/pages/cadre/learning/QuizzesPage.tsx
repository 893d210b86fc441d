import { useQuery } from '@apollo/client/react';
import { Card, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LoadMore } from '../../../components/LoadMore';
import { EmptyState, QueryState } from '../../../components/PageState';
import { graphql } from '../../../gql';
import type { LearningAvailableQuizzesQuery } from '../../../gql/graphql';
import { formatDateTime, formatHours } from '../../../lib/time';
import { score } from './format';

const PAGE = 10;

const AvailableQuizzesDocument = graphql(`
  query LearningAvailableQuizzes($first: Int, $after: String) {
    availableQuizzes(first: $first, after: $after) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      nodes {
        id
        title
        description
        integrityExam
        contest
        timeLimitSeconds
        passMark
        maxAttempts
        closesAt
        classHours
        myAttempts {
          id
          status
          passed
          percent
        }
      }
    }
  }
`);

type Quiz = LearningAvailableQuizzesQuery['availableQuizzes']['nodes'][number];

/** Quizzes, integrity exams and contests open to me, with how I did so far. */
export function QuizzesPage() {
  const { t } = useTranslation('learning');
  const query = useQuery(AvailableQuizzesDocument, { variables: { first: PAGE } });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('quizzes.title')}
      </Typography.Title>
      <QueryState loading={query.loading} error={query.error} data={query.data} retry={() => void query.refetch()}>
        {(data) =>
          data.availableQuizzes.nodes.length === 0 ? (
            <EmptyState description={t('quizzes.none')} />
          ) : (
            <>
              <List dataSource={data.availableQuizzes.nodes} renderItem={(quiz) => <QuizItem key={quiz.id} quiz={quiz} />} />
              <LoadMore query={query} field="availableQuizzes" label={t('quizzes.loadMore')} />
            </>
          )
        }
      </QueryState>
    </Space>
  );
}

function QuizItem({ quiz }: { quiz: Quiz }) {
  const { t } = useTranslation('learning');
  const graded = quiz.myAttempts.filter((a) => a.percent != null);
  const best = graded.length ? Math.max(...graded.map((a) => a.percent!)) : null;
  const open = quiz.myAttempts.some((a) => a.status === 'IN_PROGRESS');
  const pending = quiz.myAttempts.some((a) => a.status === 'PENDING_REVIEW');
  const passed = quiz.myAttempts.some((a) => a.passed);
  return (
    <List.Item style={{ padding: 0, border: 'none', marginBottom: 12 }}>
      <Card size="small" style={{ width: '100%' }}>
        <Space orientation="vertical" size={4} style={{ width: '100%' }}>
          <Link to={`/study/quizzes/${quiz.id}`} style={{ fontSize: 16, fontWeight: 600 }}>
            {quiz.title}
          </Link>
          <Space size={[4, 4]} wrap>
            {quiz.integrityExam && <Tag color="red">{t('quizzes.integrityExam')}</Tag>}
            {quiz.contest && <Tag color="purple">{t('quizzes.contest')}</Tag>}
            <Tag>{quiz.timeLimitSeconds ? t('quizzes.timeLimit', { minutes: Math.round(quiz.timeLimitSeconds / 60) }) : t('quizzes.noTimeLimit')}</Tag>
            <Tag>{t('quizzes.passMark', { mark: score(quiz.passMark) })}</Tag>
            {quiz.classHours > 0 && <Tag>{t('quizzes.hours', { hours: formatHours(quiz.classHours) })}</Tag>}
            {quiz.closesAt && <Tag color="orange">{t('quizzes.closesAt', { date: formatDateTime(quiz.closesAt) })}</Tag>}
          </Space>
          {quiz.description && (
            <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
              {quiz.description}
            </Typography.Paragraph>
          )}
          <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
            <Space size={[4, 4]} wrap>
              <Typography.Text type="secondary">
                {quiz.maxAttempts ? t('quizzes.maxAttempts', { used: quiz.myAttempts.length, max: quiz.maxAttempts }) : t('quizzes.attempts', { used: quiz.myAttempts.length })}
              </Typography.Text>
              {best != null && <Typography.Text type="secondary">{t('quizzes.best', { percent: score(best) })}</Typography.Text>}
              {open && <Tag color="processing">{t('quizzes.inProgress')}</Tag>}
              {pending && <Tag color="gold">{t('quizzes.pending')}</Tag>}
              {passed ? <Tag color="success">{t('quizzes.passed')}</Tag> : graded.length > 0 && <Tag color="error">{t('quizzes.notPassed')}</Tag>}
            </Space>
            <Link to={`/study/quizzes/${quiz.id}`} aria-label={`${t('quizzes.open')} ${quiz.title}`}>
              {t('quizzes.open')}
            </Link>
          </Space>
        </Space>
      </Card>
    </List.Item>
  );
}
