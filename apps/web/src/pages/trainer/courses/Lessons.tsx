import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, EditOutlined, FileTextOutlined, FormOutlined, HolderOutlined, PlayCircleOutlined, PlusOutlined, ReadOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, App, Button, Collapse, Form, Input, InputNumber, Modal, Popconfirm, Radio, Segmented, Select, Space, Switch, Tag, Typography } from 'antd';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { apiProblem, problemText, showFieldErrors } from '../../../components/errors';
import { EmptyState } from '../../../components/PageState';
import { graphql } from '../../../gql';
import type { LessonKind, TrainerCourseQuery } from '../../../gql/graphql';
import { clock } from '../../cadre/learning/format';
import { MediaUpload } from '../shared/MediaUpload';

export type EditorLesson = TrainerCourseQuery['course']['lessons'][number];

/** What the editor shows of a lesson; the course query and the lesson mutations read the same fields. */
export const LessonFieldsFragment = graphql(`
  fragment TrainerLessonFields on Lesson {
    id
    kind
    title
    position
    optional
    body
    minReadingSeconds
    quizId
    mediaId
    media {
      id
      status
      durationSeconds
      originalName
      failureReason
    }
  }
`);

const AddLessonDocument = graphql(`
  mutation TrainerAddLesson($courseId: ID!, $input: LessonInput!, $note: String) {
    addLesson(courseId: $courseId, input: $input, note: $note) {
      ...TrainerLessonFields
    }
  }
`);

const UpdateLessonDocument = graphql(`
  mutation TrainerUpdateLesson($lessonId: ID!, $input: UpdateLessonInput!, $note: String) {
    updateLesson(lessonId: $lessonId, input: $input, note: $note) {
      ...TrainerLessonFields
    }
  }
`);

const ReorderLessonsDocument = graphql(`
  mutation TrainerReorderLessons($courseId: ID!, $lessonIds: [ID!]!, $note: String) {
    reorderLessons(courseId: $courseId, lessonIds: $lessonIds, note: $note) {
      id
      revision
      lessons {
        id
        position
      }
    }
  }
`);

const RemoveLessonDocument = graphql(`
  mutation TrainerRemoveLesson($lessonId: ID!, $note: String) {
    removeLesson(lessonId: $lessonId, note: $note) {
      id
      revision
      lessons {
        id
        position
      }
    }
  }
`);

const QuizOptionsDocument = graphql(`
  query TrainerQuizOptions {
    quizzes(first: 100) {
      totalCount
      nodes {
        id
        title
        status
        contest
        integrityExam
      }
    }
  }
`);

const KIND_ICON: Record<LessonKind, ReactNode> = { VIDEO: <PlayCircleOutlined />, ARTICLE: <ReadOutlined />, DOCUMENT: <FileTextOutlined />, QUIZ: <FormOutlined /> };
const KINDS: LessonKind[] = ['VIDEO', 'ARTICLE', 'DOCUMENT', 'QUIZ'];

/** Asks for the note a published course keeps with each new revision; resolves null when the trainer cancels. */
export function useRevisionNote(published: boolean) {
  const { t } = useTranslation('trainer');
  const { modal } = App.useApp();
  return () =>
    new Promise<string | undefined | null>((resolve) => {
      if (!published) {
        resolve(undefined);
        return;
      }
      let note = '';
      modal.confirm({
        title: t('editor.noteTitle'),
        content: (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Typography.Text type="secondary">{t('editor.noteHint')}</Typography.Text>
            <Input.TextArea aria-label={t('editor.note')} maxLength={500} rows={2} onChange={(e) => (note = e.target.value)} data-testid="revision-note" />
          </Space>
        ),
        okText: t('editor.noteOk'),
        cancelText: t('actions.cancel'),
        onOk: () => resolve(note.trim() || undefined),
        onCancel: () => resolve(null),
      });
    });
}

/** Escapes plain text and keeps its paragraphs and line breaks as HTML. */
export function plainToHtml(text: string): string {
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return text
    .trim()
    .split(/\n\s*\n/)
    .map((p) => `<p>${escape(p.trim()).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}

/** The lessons of a course in order: add, edit, remove, and reorder by dragging or with the arrow buttons. */
export function LessonsPanel({ course, editable, onChanged }: { course: TrainerCourseQuery['course']; editable: boolean; onChanged: () => void }) {
  const { t } = useTranslation('trainer');
  const { message } = App.useApp();
  const published = course.status === 'PUBLISHED';
  const askNote = useRevisionNote(published);
  const [order, setOrder] = useState<string[] | null>(null);
  const [dragging, setDragging] = useState<string | null>(null);
  const [over, setOver] = useState<string | null>(null);
  const [editing, setEditing] = useState<EditorLesson | 'new' | null>(null);
  const [reorder, reordering] = useMutation(ReorderLessonsDocument);
  const [remove] = useMutation(RemoveLessonDocument);
  const quizzes = useQuery(QuizOptionsDocument);
  const quizTitle = useMemo(() => new Map((quizzes.data?.quizzes.nodes ?? []).map((q) => [q.id, q.title])), [quizzes.data]);

  const byId = new Map(course.lessons.map((l) => [l.id, l]));
  const lessons = order ? order.map((id) => byId.get(id)).filter((l): l is EditorLesson => Boolean(l)) : course.lessons;

  const saveOrder = async (ids: string[]) => {
    if (ids.join() === course.lessons.map((l) => l.id).join()) return;
    setOrder(ids);
    const note = await askNote();
    if (note === null) {
      setOrder(null);
      return;
    }
    try {
      await reorder({ variables: { courseId: course.id, lessonIds: ids, note } });
      void message.success(t('lessons.reordered'));
      onChanged();
    } catch (e) {
      void message.error(problemText(apiProblem(e), t));
    } finally {
      setOrder(null);
    }
  };

  const move = (id: string, to: number) => {
    const ids = lessons.map((l) => l.id).filter((x) => x !== id);
    ids.splice(Math.max(0, Math.min(to, ids.length)), 0, id);
    void saveOrder(ids);
  };

  const onRemove = async (lesson: EditorLesson) => {
    const note = await askNote();
    if (note === null) return;
    try {
      await remove({ variables: { lessonId: lesson.id, note } });
      void message.success(t('lessons.removed'));
      onChanged();
    } catch (e) {
      void message.error(problemText(apiProblem(e), t));
    }
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Text type="secondary">{editable ? t('lessons.hint') : t('lessons.readOnly')}</Typography.Text>
        {editable && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('lessons.add')}
          </Button>
        )}
      </Space>
      {lessons.length === 0 ? (
        <EmptyState description={t('lessons.none')} />
      ) : (
        <ol style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={t('lessons.listLabel')} data-testid="lesson-list">
          {lessons.map((lesson, index) => (
            <li
              key={lesson.id}
              data-testid="lesson-row"
              data-lesson-id={lesson.id}
              draggable={editable && !reordering.loading}
              onDragStart={(e) => {
                e.dataTransfer.setData('text/plain', lesson.id);
                e.dataTransfer.effectAllowed = 'move';
                setDragging(lesson.id);
              }}
              onDragOver={(e) => {
                if (!dragging) return;
                e.preventDefault();
                e.dataTransfer.dropEffect = 'move';
                if (over !== lesson.id) setOver(lesson.id);
              }}
              onDragLeave={() => setOver((o) => (o === lesson.id ? null : o))}
              onDrop={(e) => {
                e.preventDefault();
                const id = dragging ?? e.dataTransfer.getData('text/plain');
                setDragging(null);
                setOver(null);
                if (id && id !== lesson.id) move(id, index);
              }}
              onDragEnd={() => {
                setDragging(null);
                setOver(null);
              }}
              style={{
                display: 'flex',
                alignItems: 'center',
                gap: 8,
                padding: '10px 12px',
                marginBottom: 8,
                background: dragging === lesson.id ? '#f5f5f5' : '#fff',
                border: `1px ${over === lesson.id && dragging !== lesson.id ? 'dashed #1f6f5c' : 'solid #f0f0f0'}`,
                borderRadius: 6,
                flexWrap: 'wrap',
              }}
            >
              {editable && <HolderOutlined aria-hidden style={{ cursor: 'grab', color: '#999' }} data-testid="drag-handle" />}
              <Typography.Text strong style={{ minWidth: 24 }}>
                {index + 1}.
              </Typography.Text>
              <span aria-hidden>{KIND_ICON[lesson.kind]}</span>
              <div style={{ flex: 1, minWidth: 160 }}>
                <Typography.Text strong data-testid="lesson-title">
                  {lesson.title}
                </Typography.Text>
                <div>
                  <Space size={[4, 4]} wrap>
                    <Tag>{t(`learning:course.kinds.${lesson.kind}`)}</Tag>
                    {lesson.optional && <Tag>{t('lessons.optional')}</Tag>}
                    <LessonDetail lesson={lesson} quizTitle={lesson.quizId ? quizTitle.get(lesson.quizId) : undefined} />
                  </Space>
                </div>
              </div>
              {editable && (
                <Space size={4} wrap>
                  <Button size="small" icon={<ArrowUpOutlined />} aria-label={t('lessons.moveUp', { title: lesson.title })} disabled={index === 0 || reordering.loading} onClick={() => move(lesson.id, index - 1)} />
                  <Button
                    size="small"
                    icon={<ArrowDownOutlined />}
                    aria-label={t('lessons.moveDown', { title: lesson.title })}
                    disabled={index === lessons.length - 1 || reordering.loading}
                    onClick={() => move(lesson.id, index + 1)}
                  />
                  <Button size="small" icon={<EditOutlined />} aria-label={t('lessons.edit', { title: lesson.title })} onClick={() => setEditing(lesson)} />
                  <Popconfirm title={t('lessons.removeConfirm', { title: lesson.title })} description={published ? t('lessons.removePublished') : undefined} okText={t('actions.remove')} cancelText={t('actions.cancel')} onConfirm={() => void onRemove(lesson)}>
                    <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('lessons.remove', { title: lesson.title })} />
                  </Popconfirm>
                </Space>
              )}
            </li>
          ))}
        </ol>
      )}
      {editing && (
        <LessonModal
          courseId={course.id}
          published={published}
          lesson={editing === 'new' ? undefined : editing}
          quizzes={quizzes.data?.quizzes.nodes ?? []}
          quizzesLoading={quizzes.loading}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            onChanged();
          }}
        />
      )}
    </Space>
  );
}

function LessonDetail({ lesson, quizTitle }: { lesson: EditorLesson; quizTitle?: string }) {
  const { t } = useTranslation('trainer');
  if (lesson.kind === 'VIDEO' || lesson.kind === 'DOCUMENT') {
    const m = lesson.media;
    if (!m) return <Tag color="warning">{t('lessons.noFile')}</Tag>;
    return (
      <>
        <Tag color={m.status === 'READY' ? 'success' : m.status === 'FAILED' ? 'error' : 'processing'}>{t(`media.status.${m.status}`)}</Tag>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {m.originalName}
          {lesson.kind === 'VIDEO' && m.durationSeconds != null ? ` · ${clock(m.durationSeconds)}` : ''}
        </Typography.Text>
      </>
    );
  }
  if (lesson.kind === 'ARTICLE')
    return (
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('lessons.minReading', { time: clock(lesson.minReadingSeconds ?? 0) })}
      </Typography.Text>
    );
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {quizTitle ?? t('lessons.quizMissing')}
    </Typography.Text>
  );
}

interface LessonValues {
  kind: LessonKind;
  title: string;
  optional?: boolean;
  format?: 'plain' | 'html';
  body?: string;
  minReadingSeconds?: number | null;
  mediaId?: string;
  quizId?: string;
  note?: string;
}

/** Adds or edits one lesson: an article (plain text or HTML, minimum reading time), a film, a PDF or a quiz. */
function LessonModal({
  courseId,
  published,
  lesson,
  quizzes,
  quizzesLoading,
  onClose,
  onSaved,
}: {
  courseId: string;
  published: boolean;
  lesson?: EditorLesson;
  quizzes: { id: string; title: string; status: string }[];
  quizzesLoading: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation('trainer');
  const { message } = App.useApp();
  const [form] = Form.useForm<LessonValues>();
  const kind = Form.useWatch('kind', form) ?? lesson?.kind ?? 'VIDEO';
  const format = Form.useWatch('format', form) ?? (lesson ? 'html' : 'plain');
  const [add, adding] = useMutation(AddLessonDocument);
  const [update, updating] = useMutation(UpdateLessonDocument);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async (v: LessonValues) => {
    setProblem(null);
    const base = { title: v.title.trim(), optional: Boolean(v.optional) };
    const extra =
      v.kind === 'ARTICLE'
        ? { body: v.format === 'plain' ? plainToHtml(v.body ?? '') : (v.body ?? ''), ...(v.minReadingSeconds != null ? { minReadingSeconds: v.minReadingSeconds } : {}) }
        : v.kind === 'QUIZ'
          ? { quizId: v.quizId }
          : { mediaId: v.mediaId };
    const note = v.note?.trim() || undefined;
    try {
      if (lesson) await update({ variables: { lessonId: lesson.id, input: { ...base, ...extra }, note } });
      else await add({ variables: { courseId, input: { kind: v.kind, ...base, ...extra }, note } });
      void message.success(lesson ? t('lessons.saved') : t('lessons.added'));
      onSaved();
    } catch (e) {
      setProblem(showFieldErrors(form, e, t));
    }
  };

  return (
    <Modal
      open
      title={lesson ? t('lessons.editTitle') : t('lessons.addTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('actions.save')}
      cancelText={t('actions.cancel')}
      confirmLoading={adding.loading || updating.loading}
      width={720}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <Form<LessonValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        onValuesChange={() => setProblem(null)}
        initialValues={
          lesson
            ? { kind: lesson.kind, title: lesson.title, optional: lesson.optional, format: 'html', body: lesson.body ?? '', minReadingSeconds: lesson.minReadingSeconds, mediaId: lesson.mediaId ?? undefined, quizId: lesson.quizId ?? undefined }
            : { kind: 'VIDEO', optional: false, format: 'plain', body: '', title: '' }
        }
      >
        {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} role="alert" />}
        <Form.Item name="kind" label={t('lessons.kind')}>
          <Radio.Group
            disabled={Boolean(lesson)}
            optionType="button"
            options={KINDS.map((k) => ({ value: k, label: t(`learning:course.kinds.${k}`) }))}
            onChange={() => form.setFields([{ name: 'mediaId', value: undefined, errors: [] }])}
          />
        </Form.Item>
        <Form.Item name="title" label={t('lessons.title')} rules={[{ required: true, whitespace: true, message: t('lessons.titleRequired') }, { max: 200, message: t('lessons.titleTooLong') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="optional" label={t('lessons.optionalLabel')} valuePropName="checked" extra={t('lessons.optionalHint')}>
          <Switch />
        </Form.Item>
        {kind === 'ARTICLE' && (
          <>
            <Form.Item name="format" label={t('lessons.format')}>
              <Segmented options={[{ value: 'plain', label: t('lessons.plain') }, { value: 'html', label: t('lessons.html') }]} />
            </Form.Item>
            <Form.Item
              name="body"
              label={t('lessons.body')}
              extra={format === 'plain' ? t('lessons.plainHint') : t('lessons.htmlHint')}
              rules={[{ required: true, whitespace: true, message: t('lessons.bodyRequired') }, { max: 200_000, message: t('lessons.bodyTooLong') }]}
            >
              <Input.TextArea rows={10} style={{ fontFamily: format === 'html' ? 'monospace' : undefined }} />
            </Form.Item>
            {lesson?.body && (
              <Collapse
                size="small"
                style={{ marginBottom: 16 }}
                items={[
                  {
                    key: 'preview',
                    label: t('lessons.preview'),
                    // the API keeps only sanitised HTML (no scripts, styles, handlers or javascript: links)
                    children: <div style={{ lineHeight: 1.8, overflowWrap: 'anywhere' }} dangerouslySetInnerHTML={{ __html: lesson.body }} />,
                  },
                ]}
              />
            )}
            <Form.Item name="minReadingSeconds" label={t('lessons.minReadingLabel')} extra={t('lessons.minReadingHint')}>
              <InputNumber min={0} max={7200} precision={0} suffix={t('lessons.secondsUnit')} style={{ width: 160 }} />
            </Form.Item>
          </>
        )}
        {kind === 'VIDEO' && (
          <Form.Item name="mediaId" label={t('lessons.film')} rules={[{ required: true, message: t('lessons.filmRequired') }]}>
            <MediaUpload kind="VIDEO" />
          </Form.Item>
        )}
        {kind === 'DOCUMENT' && (
          <Form.Item name="mediaId" label={t('lessons.document')} rules={[{ required: true, message: t('lessons.documentRequired') }]}>
            <MediaUpload kind="DOCUMENT" />
          </Form.Item>
        )}
        {kind === 'QUIZ' && (
          <Form.Item name="quizId" label={t('lessons.quiz')} rules={[{ required: true, message: t('lessons.quizRequired') }]} extra={t('lessons.quizHint')}>
            <Select
              loading={quizzesLoading}
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('lessons.quizPlaceholder')}
              options={quizzes.filter((q) => q.status !== 'ARCHIVED').map((q) => ({ value: q.id, label: `${q.title}（${t(`status.quiz.${q.status}`)}）` }))}
              notFoundContent={t('lessons.noQuizzes')}
            />
          </Form.Item>
        )}
        {published && (
          <Form.Item name="note" label={t('editor.note')} extra={t('editor.noteHint')} rules={[{ max: 500, message: t('editor.noteTooLong') }]}>
            <Input maxLength={500} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
