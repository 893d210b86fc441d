import { CheckCircleFilled, ClockCircleOutlined, FileTextOutlined, FormOutlined, LeftOutlined, PlayCircleOutlined, ReadOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, App, Button, Card, Collapse, Progress, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { apiProblem, problemText } from '../../../components/errors';
import { QueryState } from '../../../components/PageState';
import { graphql } from '../../../gql';
import type { LearningCourseQuery, LessonKind } from '../../../gql/graphql';
import { formatDate, formatHours } from '../../../lib/time';
import { clock } from './format';
import { VideoPlayer } from './VideoPlayer';

const CourseDocument = graphql(`
  query LearningCourse($id: ID!) {
    course(id: $id) {
      id
      title
      summary
      subject
      classHours
      requirement
      dueAt
      myProgress {
        lessonsDone
        requiredLessons
        requiredLessonsDone
        completedAt
        classHoursEarned
      }
      lessons {
        id
        kind
        title
        position
        optional
        body
        minReadingSeconds
        quizId
        media {
          id
          status
          durationSeconds
        }
        myProgress {
          openedAt
          completedAt
          watchedSeconds
          furthestPosition
          position
        }
      }
    }
  }
`);

const OpenLessonDocument = graphql(`
  mutation LearningOpenLesson($lessonId: ID!) {
    openLesson(lessonId: $lessonId) {
      documentUrl
      courseCompleted
      progress {
        openedAt
        completedAt
      }
    }
  }
`);

const FinishReadingDocument = graphql(`
  mutation LearningFinishReading($lessonId: ID!) {
    finishReading(lessonId: $lessonId) {
      courseCompleted
      progress {
        openedAt
        completedAt
      }
    }
  }
`);

type Lesson = LearningCourseQuery['course']['lessons'][number];

const KIND_ICON: Record<LessonKind, ReactNode> = {
  VIDEO: <PlayCircleOutlined />,
  ARTICLE: <ReadOutlined />,
  DOCUMENT: <FileTextOutlined />,
  QUIZ: <FormOutlined />,
};

/** A course: its lessons in order with my progress in each; a lesson opens in place (film, article, PDF or a link to its quiz). */
export function CoursePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('learning');
  const { message } = App.useApp();
  const query = useQuery(CourseDocument, { variables: { id } });
  const [open, setOpen] = useState<string | undefined>();
  const { refetch } = query;

  const completed = useCallback(
    (courseCompleted: boolean) => {
      if (courseCompleted) void message.success(t('course.courseCompleted'));
      void refetch();
    },
    [message, refetch, t],
  );

  const refresh = useCallback(() => void refetch(), [refetch]);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Link to="/study/courses">
        <LeftOutlined /> {t('course.back')}
      </Link>
      <QueryState loading={query.loading} error={query.error} data={query.data} retry={() => void query.refetch()}>
        {({ course }) => {
          const p = course.myProgress;
          const percent = p?.completedAt ? 100 : p && p.requiredLessons > 0 ? Math.round((p.requiredLessonsDone / p.requiredLessons) * 100) : 0;
          return (
            <>
              <Card size="small">
                <Typography.Title level={4} style={{ marginTop: 0 }}>
                  {course.title}
                </Typography.Title>
                <Space size={[4, 4]} wrap>
                  {course.requirement && <Tag color={course.requirement === 'REQUIRED' ? 'red' : 'blue'}>{t(`requirement.${course.requirement}`)}</Tag>}
                  <Tag>{t(`subjects.${course.subject}`)}</Tag>
                  <Tag>{t('courses.hours', { hours: formatHours(course.classHours) })}</Tag>
                  {course.dueAt && <Tag color="orange">{t('courses.dueAt', { date: formatDate(course.dueAt) })}</Tag>}
                </Space>
                {course.summary && <Typography.Paragraph style={{ marginTop: 8 }}>{course.summary}</Typography.Paragraph>}
                <Typography.Text type="secondary">{t('course.progress')}</Typography.Text>
                <Progress percent={percent} status={p?.completedAt ? 'success' : 'normal'} aria-label={t('course.progress')} data-testid="course-progress" />
                {p?.completedAt && (
                  <Alert type="success" showIcon title={t('course.completedAt', { date: formatDate(p.completedAt), hours: formatHours(p.classHoursEarned ?? course.classHours) })} />
                )}
              </Card>
              <Typography.Title level={5} style={{ margin: 0 }}>
                {t('course.lessonsTitle')}
              </Typography.Title>
              {course.lessons.length === 0 ? (
                <Alert type="info" title={t('course.noLessons')} />
              ) : (
                <Collapse
                  accordion
                  activeKey={open}
                  onChange={(keys) => setOpen(Array.isArray(keys) ? keys[0] : keys)}
                  destroyOnHidden
                  items={course.lessons.map((lesson, index) => ({
                    key: lesson.id,
                    label: <LessonTitle lesson={lesson} index={index} />,
                    children: <LessonBody lesson={lesson} onCompleted={completed} onPaused={refresh} />,
                  }))}
                />
              )}
            </>
          );
        }}
      </QueryState>
    </Space>
  );
}

function LessonTitle({ lesson, index }: { lesson: Lesson; index: number }) {
  const { t } = useTranslation('learning');
  const p = lesson.myProgress;
  return (
    <Space orientation="vertical" size={2} style={{ width: '100%' }} data-testid={`lesson-${index + 1}`}>
      <Space size={6} wrap>
        {KIND_ICON[lesson.kind]}
        <Typography.Text strong>
          {index + 1}. {lesson.title}
        </Typography.Text>
      </Space>
      <Space size={[4, 4]} wrap>
        <Tag>{t(`course.kinds.${lesson.kind}`)}</Tag>
        {lesson.optional && <Tag>{t('course.optional')}</Tag>}
        {p?.completedAt ? (
          <Tag color="success" icon={<CheckCircleFilled />}>
            {t('course.lessonDone')}
          </Tag>
        ) : p ? (
          <Tag color="processing">{t('course.lessonOpened')}</Tag>
        ) : (
          <Tag>{t('course.lessonNew')}</Tag>
        )}
        {lesson.kind === 'VIDEO' && lesson.media?.durationSeconds != null && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('course.watched', { watched: clock(p?.watchedSeconds ?? 0), duration: clock(lesson.media.durationSeconds) })}
          </Typography.Text>
        )}
      </Space>
    </Space>
  );
}

function LessonBody({ lesson, onCompleted, onPaused }: { lesson: Lesson; onCompleted: (courseCompleted: boolean) => void; onPaused: () => void }) {
  const { t } = useTranslation('learning');
  const navigate = useNavigate();
  switch (lesson.kind) {
    case 'VIDEO':
      if (lesson.media?.status === 'PROCESSING') return <Alert type="info" showIcon title={t('video.processing')} />;
      if (lesson.media?.status === 'FAILED') return <Alert type="error" showIcon title={t('video.failed')} />;
      return <VideoPlayer lessonId={lesson.id} onCompleted={onCompleted} onPaused={onPaused} />;
    case 'ARTICLE':
      return <ArticleLesson lesson={lesson} onCompleted={onCompleted} />;
    case 'DOCUMENT':
      return <DocumentLesson lesson={lesson} onCompleted={onCompleted} />;
    case 'QUIZ':
      return (
        <Space orientation="vertical">
          <Typography.Text type="secondary">{t('quizLesson.hint')}</Typography.Text>
          {lesson.quizId && (
            <Button type="primary" icon={<FormOutlined />} onClick={() => void navigate(`/study/quizzes/${lesson.quizId}`)}>
              {t('quizLesson.go')}
            </Button>
          )}
        </Space>
      );
  }
}

/** An article: opening starts the reading time; "finish reading" counts once the minimum has passed. */
function ArticleLesson({ lesson, onCompleted }: { lesson: Lesson; onCompleted: (courseCompleted: boolean) => void }) {
  const { t } = useTranslation('learning');
  const [openLesson, opened] = useMutation(OpenLessonDocument);
  const [finish, finishing] = useMutation(FinishReadingDocument);
  const [now, setNow] = useState(() => Date.now());
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(Boolean(lesson.myProgress?.completedAt));

  useEffect(() => {
    openLesson({ variables: { lessonId: lesson.id } }).catch((e: unknown) => setError(problemText(apiProblem(e), t)));
  }, [lesson.id, openLesson, t]);
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);

  const openedAt = opened.data?.openLesson.progress.openedAt;
  const min = lesson.minReadingSeconds ?? 0;
  const remaining = openedAt ? Math.max(0, Math.ceil(min - (now - new Date(openedAt).getTime()) / 1000)) : min;

  const onFinish = async () => {
    setError(null);
    try {
      const res = await finish({ variables: { lessonId: lesson.id } });
      setDone(true);
      onCompleted(Boolean(res.data?.finishReading.courseCompleted));
    } catch (e) {
      setError(problemText(apiProblem(e), t));
    }
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">
        <ClockCircleOutlined /> {t('article.minReading', { time: clock(min) })}
      </Typography.Text>
      {/* the API sanitises article HTML (no scripts, styles, handlers or javascript: links) */}
      <div className="lesson-article" style={{ lineHeight: 1.8, fontSize: 16, overflowWrap: 'anywhere' }} dangerouslySetInnerHTML={{ __html: lesson.body ?? '' }} />
      {error && <Alert type="warning" showIcon title={error} />}
      {done ? (
        <Alert type="success" showIcon title={t('article.done')} />
      ) : (
        <Button type="primary" onClick={() => void onFinish()} loading={finishing.loading} disabled={!openedAt || remaining > 0}>
          {remaining > 0 ? t('article.remaining', { time: clock(remaining) }) : t('article.finish')}
        </Button>
      )}
    </Space>
  );
}

/** A PDF: opening it (a signed, short-lived link) completes the lesson. */
function DocumentLesson({ lesson, onCompleted }: { lesson: Lesson; onCompleted: (courseCompleted: boolean) => void }) {
  const { t } = useTranslation('learning');
  const [openLesson, opened] = useMutation(OpenLessonDocument);
  const [error, setError] = useState<string | null>(null);
  const url = opened.data?.openLesson.documentUrl;

  const onOpen = async () => {
    setError(null);
    try {
      const res = await openLesson({ variables: { lessonId: lesson.id } });
      if (!lesson.myProgress?.completedAt) onCompleted(Boolean(res.data?.openLesson.courseCompleted));
    } catch (e) {
      setError(problemText(apiProblem(e), t));
    }
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t('document.hint')}</Typography.Text>
      {error && <Alert type="warning" showIcon title={error} />}
      {url ? (
        <a href={url} target="_blank" rel="noopener noreferrer">
          <FileTextOutlined /> {t('document.view')}
        </a>
      ) : (
        <Button type="primary" icon={<FileTextOutlined />} loading={opened.loading} onClick={() => void onOpen()}>
          {t('document.open')}
        </Button>
      )}
    </Space>
  );
}
