import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@apollo/client/react';
import { Alert, App, Button, Checkbox, Form, Input, Radio, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { graphql } from '../../../gql';
import type { CourseSubject, QuestionKind, TrainerQuestionsQuery } from '../../../gql/graphql';
import { showMappedFieldErrors } from '../shared/forms';
import { useSubjectOptions } from '../shared/labels';

export const QUESTION_KINDS: QuestionKind[] = ['SINGLE_CHOICE', 'MULTIPLE_CHOICE', 'TRUE_FALSE', 'FILL_BLANK', 'SHORT_ANSWER'];
const KEYS = 'ABCDEFGH'.split('');

const CreateQuestionDocument = graphql(`
  mutation TrainerCreateQuestion($input: QuestionInput!) {
    createQuestion(input: $input) {
      id
      familyId
      version
    }
  }
`);

const UpdateQuestionDocument = graphql(`
  mutation TrainerUpdateQuestion($id: ID!, $input: QuestionInput!) {
    updateQuestion(id: $id, input: $input) {
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
    }
  }
`);

type Question = TrainerQuestionsQuery['questions']['nodes'][number];

interface QuestionValues {
  kind: QuestionKind;
  stem: string;
  options: string[];
  single?: string;
  multiple?: string[];
  truth?: 'TRUE' | 'FALSE';
  accepted?: string[];
  reference?: string;
  explanation?: string;
  source?: string;
  subject: CourseSubject;
  difficulty: number;
  tags?: string[];
}

function answerField(kind: QuestionKind): string {
  return { SINGLE_CHOICE: 'single', MULTIPLE_CHOICE: 'multiple', TRUE_FALSE: 'truth', FILL_BLANK: 'accepted', SHORT_ANSWER: 'reference' }[kind];
}

/** One question of any of the five kinds, with its answer key, explanation, source, subject, difficulty and tags. */
export function QuestionForm({ question, onSaved }: { question?: Question; onSaved: () => void }) {
  const { t } = useTranslation('trainer');
  const { message } = App.useApp();
  const [form] = Form.useForm<QuestionValues>();
  const subjects = useSubjectOptions();
  const kind: QuestionKind = Form.useWatch('kind', form) ?? question?.kind ?? 'SINGLE_CHOICE';
  const options: string[] = Form.useWatch('options', form) ?? [];
  const [create, creating] = useMutation(CreateQuestionDocument);
  const [update, updating] = useMutation(UpdateQuestionDocument);
  const [problem, setProblem] = useState<string | null>(null);
  const choice = kind === 'SINGLE_CHOICE' || kind === 'MULTIPLE_CHOICE';

  const initial = (): Partial<QuestionValues> => {
    if (!question) return { kind: 'SINGLE_CHOICE', options: ['', '', '', ''], difficulty: 2, tags: [], accepted: [], multiple: [] };
    const a = question.answer;
    return {
      kind: question.kind,
      stem: question.stem,
      options: question.options.length ? question.options.map((o) => o.text) : ['', '', '', ''],
      single: question.kind === 'SINGLE_CHOICE' ? a[0] : undefined,
      multiple: question.kind === 'MULTIPLE_CHOICE' ? a : [],
      truth: question.kind === 'TRUE_FALSE' ? (a[0] as 'TRUE' | 'FALSE') : undefined,
      accepted: question.kind === 'FILL_BLANK' ? a : [],
      reference: question.kind === 'SHORT_ANSWER' ? (a[0] ?? '') : undefined,
      explanation: question.explanation,
      source: question.source ?? '',
      subject: question.subject,
      difficulty: question.difficulty,
      tags: question.tags,
    };
  };

  const submit = async (v: QuestionValues) => {
    setProblem(null);
    const answer =
      v.kind === 'SINGLE_CHOICE' ? [v.single ?? ''] : v.kind === 'MULTIPLE_CHOICE' ? (v.multiple ?? []) : v.kind === 'TRUE_FALSE' ? [v.truth ?? ''] : v.kind === 'FILL_BLANK' ? (v.accepted ?? []) : v.reference?.trim() ? [v.reference.trim()] : [];
    const input = {
      kind: v.kind,
      stem: v.stem.trim(),
      options: choice ? v.options.map((o) => o.trim()) : [],
      answer,
      explanation: v.explanation?.trim() || null,
      source: v.source?.trim() || null,
      subject: v.subject,
      difficulty: v.difficulty,
      tags: v.tags ?? [],
    };
    try {
      if (question) {
        const res = await update({ variables: { id: question.id, input } });
        const saved = res.data!.updateQuestion;
        void message.success(saved.version > question.version ? t('questionForm.newVersion', { version: saved.version }) : t('questionForm.saved'));
      } else {
        await create({ variables: { input } });
        void message.success(t('questionForm.created'));
      }
      onSaved();
    } catch (e) {
      setProblem(showMappedFieldErrors(form, e, t, { answer: answerField(v.kind), ...(choice ? { options: ['options', 0] } : {}) }));
    }
  };

  const keys = options.map((o, i) => ({ value: KEYS[i], label: `${KEYS[i]}. ${o || t('questionForm.emptyOption')}` }));

  return (
    <Form<QuestionValues> form={form} layout="vertical" onFinish={submit} onValuesChange={() => setProblem(null)} initialValues={initial()}>
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} role="alert" />}
      {question && <Alert type="info" showIcon title={t('questionForm.versionHint', { version: question.version })} style={{ marginBottom: 16 }} />}
      <Form.Item name="kind" label={t('questionForm.kind')}>
        <Radio.Group optionType="button" options={QUESTION_KINDS.map((k) => ({ value: k, label: t(`questions.kinds.${k}`) }))} />
      </Form.Item>
      <Form.Item name="stem" label={t('questionForm.stem')} rules={[{ required: true, whitespace: true, message: t('questionForm.stemRequired') }, { max: 5000, message: t('questionForm.tooLong5000') }]} extra={kind === 'FILL_BLANK' ? t('questionForm.fillHint') : undefined}>
        <Input.TextArea rows={3} maxLength={5000} />
      </Form.Item>
      {choice && (
        <Form.List
          name="options"
          rules={[
            {
              validator: async (_, list: string[]) => {
                if (!list || list.length < 2) throw new Error(t('questionForm.optionsMin'));
                const texts = list.map((o) => (o ?? '').trim());
                if (new Set(texts).size !== texts.length) throw new Error(t('questionForm.optionsDistinct'));
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <Form.Item label={t('questionForm.options')} required>
              {fields.map((field, index) => (
                <Space key={field.key} align="baseline" style={{ display: 'flex', marginBottom: 4 }}>
                  <span style={{ width: 20, display: 'inline-block' }}>{KEYS[index]}.</span>
                  <Form.Item name={field.name} rules={[{ required: true, whitespace: true, message: t('questionForm.optionRequired') }]} style={{ marginBottom: 4, minWidth: 280 }}>
                    <Input aria-label={t('questionForm.optionLabel', { key: KEYS[index] })} maxLength={1000} />
                  </Form.Item>
                  {fields.length > 2 && <Button type="text" icon={<MinusCircleOutlined />} aria-label={t('questionForm.removeOption', { key: KEYS[index] })} onClick={() => remove(field.name)} />}
                </Space>
              ))}
              {fields.length < 8 && (
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add('')}>
                  {t('questionForm.addOption')}
                </Button>
              )}
              <Form.ErrorList errors={errors} />
            </Form.Item>
          )}
        </Form.List>
      )}
      {kind === 'SINGLE_CHOICE' && (
        <Form.Item name="single" label={t('questionForm.correct')} rules={[{ required: true, message: t('questionForm.singleRequired') }]}>
          <Radio.Group options={keys} />
        </Form.Item>
      )}
      {kind === 'MULTIPLE_CHOICE' && (
        <Form.Item name="multiple" label={t('questionForm.correctMany')} rules={[{ required: true, type: 'array', min: 2, message: t('questionForm.multipleRequired') }]}>
          <Checkbox.Group options={keys} />
        </Form.Item>
      )}
      {kind === 'TRUE_FALSE' && (
        <Form.Item name="truth" label={t('questionForm.correct')} rules={[{ required: true, message: t('questionForm.truthRequired') }]}>
          <Radio.Group
            options={[
              { value: 'TRUE', label: t('questionForm.true') },
              { value: 'FALSE', label: t('questionForm.false') },
            ]}
          />
        </Form.Item>
      )}
      {kind === 'FILL_BLANK' && (
        <Form.Item name="accepted" label={t('questionForm.accepted')} extra={t('questionForm.acceptedHint')} rules={[{ required: true, type: 'array', min: 1, message: t('questionForm.acceptedRequired') }]}>
          <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={['|', '｜']} placeholder={t('questionForm.acceptedPlaceholder')} aria-label={t('questionForm.accepted')} />
        </Form.Item>
      )}
      {kind === 'SHORT_ANSWER' && (
        <Form.Item name="reference" label={t('questionForm.reference')} extra={t('questionForm.referenceHint')}>
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
      )}
      <Form.Item name="explanation" label={t('questionForm.explanation')} rules={[{ max: 5000, message: t('questionForm.tooLong5000') }]}>
        <Input.TextArea rows={2} maxLength={5000} />
      </Form.Item>
      <Form.Item name="source" label={t('questionForm.source')} extra={t('questionForm.sourceHint')} rules={[{ max: 300, message: t('questionForm.tooLong300') }]}>
        <Input maxLength={300} />
      </Form.Item>
      <Space wrap align="start">
        <Form.Item name="subject" label={t('questionForm.subject')} rules={[{ required: true, message: t('questionForm.subjectRequired') }]}>
          <Select options={subjects} style={{ width: 180 }} placeholder={t('courseForm.subjectPlaceholder')} />
        </Form.Item>
        <Form.Item name="difficulty" label={t('questionForm.difficulty')} rules={[{ required: true, message: t('questionForm.difficultyRequired') }]}>
          <Radio.Group optionType="button" options={[1, 2, 3, 4, 5].map((d) => ({ value: d, label: String(d) }))} />
        </Form.Item>
      </Space>
      <Form.Item name="tags" label={t('questionForm.tags')} extra={t('questionForm.tagsHint')} rules={[{ type: 'array', max: 20, message: t('questionForm.tagsMax') }]}>
        <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，', '|']} aria-label={t('questionForm.tags')} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={creating.loading || updating.loading}>
        {question ? t('questionForm.save') : t('questionForm.create')}
      </Button>
    </Form>
  );
}
