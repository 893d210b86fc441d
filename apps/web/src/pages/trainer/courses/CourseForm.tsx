import { useMutation } from '@apollo/client/react';
import { Alert, App, Button, Form, Image, Input, InputNumber, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { showFieldErrors } from '../../../components/errors';
import { graphql } from '../../../gql';
import type { CadreTier, CourseSubject } from '../../../gql/graphql';
import { currentYear } from '../../../lib/time';
import { useSubjectOptions, useTierOptions } from '../shared/labels';
import { MediaUpload } from '../shared/MediaUpload';
import { UnitSelect } from '../shared/pickers';

const CreateCourseDocument = graphql(`
  mutation TrainerCreateCourse($input: CreateCourseInput!) {
    createCourse(input: $input) {
      id
      title
      status
    }
  }
`);

const UpdateCourseDocument = graphql(`
  mutation TrainerUpdateCourse($id: ID!, $input: UpdateCourseInput!, $note: String) {
    updateCourse(id: $id, input: $input, note: $note) {
      id
      title
      summary
      subject
      classHours
      year
      status
      revision
      requiredTiers
      requiredUnitIds
      coverUrl
    }
  }
`);

export interface CourseValues {
  title: string;
  summary?: string;
  subject: CourseSubject;
  classHours: number;
  year: number;
  requiredTiers?: CadreTier[];
  requiredUnitIds?: string[];
  coverMediaId?: string;
  note?: string;
}

/**
 * A course's fields: title, summary, subject, class hours, the year it counts
 * towards, who must take it (tiers, units) and a cover. Creates a draft, or
 * saves an existing course (a published one gets a new revision with the note).
 */
export function CourseForm({
  course,
  onSaved,
  readOnly,
}: {
  course?: { id: string; status: string; title: string; summary: string; subject: CourseSubject; classHours: number; year: number; requiredTiers: CadreTier[]; requiredUnitIds: string[]; coverUrl?: string | null };
  onSaved?: (id: string) => void;
  readOnly?: boolean;
}) {
  const { t } = useTranslation('trainer');
  const { message } = App.useApp();
  const [form] = Form.useForm<CourseValues>();
  const subjects = useSubjectOptions();
  const tiers = useTierOptions();
  const [create, creating] = useMutation(CreateCourseDocument);
  const [update, updating] = useMutation(UpdateCourseDocument);
  const [problem, setProblem] = useState<string | null>(null);
  const published = course?.status === 'PUBLISHED';

  const submit = async (values: CourseValues) => {
    setProblem(null);
    const input = {
      title: values.title.trim(),
      summary: values.summary?.trim() ?? '',
      subject: values.subject,
      classHours: values.classHours,
      year: values.year,
      requiredTiers: values.requiredTiers ?? [],
      requiredUnitIds: values.requiredUnitIds ?? [],
      ...(values.coverMediaId ? { coverMediaId: values.coverMediaId } : {}),
    };
    try {
      if (course) {
        await update({ variables: { id: course.id, input, note: values.note?.trim() || undefined } });
        form.setFieldsValue({ note: '', coverMediaId: undefined });
        void message.success(published ? t('courseForm.savedRevision') : t('courseForm.saved'));
        onSaved?.(course.id);
      } else {
        const res = await create({ variables: { input } });
        void message.success(t('courseForm.created'));
        onSaved?.(res.data!.createCourse.id);
      }
    } catch (error) {
      setProblem(showFieldErrors(form, error, t));
    }
  };

  return (
    <Form<CourseValues>
      form={form}
      layout="vertical"
      disabled={readOnly}
      onFinish={submit}
      onValuesChange={() => setProblem(null)}
      initialValues={
        course
          ? { title: course.title, summary: course.summary, subject: course.subject, classHours: course.classHours, year: course.year, requiredTiers: course.requiredTiers, requiredUnitIds: course.requiredUnitIds }
          : { summary: '', year: currentYear(), classHours: 1, requiredTiers: [], requiredUnitIds: [] }
      }
    >
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} role="alert" />}
      <Form.Item name="title" label={t('courseForm.title')} rules={[{ required: true, whitespace: true, message: t('courseForm.titleRequired') }, { max: 200, message: t('courseForm.titleTooLong') }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="summary" label={t('courseForm.summary')} rules={[{ max: 5000, message: t('courseForm.summaryTooLong') }]}>
        <Input.TextArea rows={3} maxLength={5000} showCount />
      </Form.Item>
      <Space wrap size="middle" align="start">
        <Form.Item name="subject" label={t('courseForm.subject')} rules={[{ required: true, message: t('courseForm.subjectRequired') }]}>
          <Select options={subjects} style={{ width: 180 }} placeholder={t('courseForm.subjectPlaceholder')} />
        </Form.Item>
        <Form.Item name="classHours" label={t('courseForm.classHours')} rules={[{ required: true, message: t('courseForm.classHoursRequired') }]} extra={t('courseForm.classHoursHint')}>
          <InputNumber min={0} max={999} step={0.5} precision={2} style={{ width: 140 }} suffix={t('courseForm.hoursUnit')} />
        </Form.Item>
        <Form.Item name="year" label={t('courseForm.year')} rules={[{ required: true, message: t('courseForm.yearRequired') }]}>
          <InputNumber min={2000} max={2100} precision={0} style={{ width: 120 }} />
        </Form.Item>
      </Space>
      <Form.Item name="requiredTiers" label={t('courseForm.requiredTiers')} extra={t('courseForm.requiredTiersHint')}>
        <Select mode="multiple" allowClear options={tiers} placeholder={t('courseForm.noTiers')} />
      </Form.Item>
      <Form.Item name="requiredUnitIds" label={t('courseForm.requiredUnits')} extra={t('courseForm.requiredUnitsHint')}>
        <UnitSelect />
      </Form.Item>
      <Form.Item label={t('courseForm.cover')} extra={t('courseForm.coverHint')}>
        {course?.coverUrl && (
          <div style={{ marginBottom: 8 }}>
            <Typography.Text type="secondary">{t('courseForm.currentCover')}</Typography.Text>
            <br />
            <Image src={course.coverUrl} alt={t('courseForm.currentCover')} width={160} preview={false} />
          </div>
        )}
        <Form.Item name="coverMediaId" noStyle>
          <MediaUpload kind="IMAGE" />
        </Form.Item>
      </Form.Item>
      {published && (
        <Form.Item name="note" label={t('editor.note')} extra={t('editor.noteHint')} rules={[{ max: 500, message: t('editor.noteTooLong') }]}>
          <Input maxLength={500} />
        </Form.Item>
      )}
      {!readOnly && (
        <Button type="primary" htmlType="submit" loading={creating.loading || updating.loading}>
          {course ? (published ? t('courseForm.saveRevision') : t('courseForm.save')) : t('courseForm.create')}
        </Button>
      )}
    </Form>
  );
}
