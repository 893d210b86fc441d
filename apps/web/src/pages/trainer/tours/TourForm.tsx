import { useMutation } from '@apollo/client/react';
import { Alert, App, Button, DatePicker, Form, Input, InputNumber, Select, Space, Switch } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { showFieldErrors } from '../../../components/errors';
import { graphql } from '../../../gql';
import type { CadreTier, TourKind, TrainerTourQuery } from '../../../gql/graphql';
import { useTierOptions } from '../shared/labels';
import { UnitSelect } from '../shared/pickers';

/** What the studio shows of a tour; the tour page and the edit form read and refresh the same fields. */
export const TourFieldsFragment = graphql(`
  fragment TrainerTourFields on StudyTour {
    id
    title
    kind
    destination
    meetingPoint
    startsAt
    endsAt
    capacity
    confirmedCount
    seatsLeft
    signUpOpensAt
    signUpClosesAt
    cancelCutoffAt
    eligibleTiers
    eligibleUnitIds
    leadingOnly
    classHours
    approvalRequired
    status
  }
`);

const CreateTourDocument = graphql(`
  mutation TrainerCreateTour($input: CreateTourInput!) {
    createStudyTour(input: $input) {
      id
      status
    }
  }
`);

const UpdateTourDocument = graphql(`
  mutation TrainerUpdateTour($id: ID!, $input: UpdateTourInput!) {
    updateStudyTour(id: $id, input: $input) {
      ...TrainerTourFields
    }
  }
`);

export const TOUR_KINDS: TourKind[] = ['WARNING_EDUCATION_BASE', 'ADVANCED_MODEL_STUDY', 'REVOLUTIONARY_SITE', 'OTHER'];

interface TourValues {
  title: string;
  kind: TourKind;
  destination: string;
  meetingPoint?: string;
  startsAt: Dayjs;
  endsAt: Dayjs;
  signUpOpensAt: Dayjs;
  signUpClosesAt: Dayjs;
  cancelCutoffAt: Dayjs;
  capacity: number;
  classHours?: number;
  eligibleTiers?: CadreTier[];
  eligibleUnitIds?: string[];
  leadingOnly?: boolean;
  approvalRequired?: boolean;
}

const TIME = { format: 'HH:mm' };
const FORMAT = 'YYYY-MM-DD HH:mm';

/** A study tour's fields: a new draft, or the edit of a draft (open tours change only their seats). */
export function TourForm({ tour, onSaved }: { tour?: TrainerTourQuery['studyTour']; onSaved: (id: string) => void }) {
  const { t } = useTranslation('trainer');
  const { message } = App.useApp();
  const [form] = Form.useForm<TourValues>();
  const tiers = useTierOptions();
  const [create, creating] = useMutation(CreateTourDocument);
  const [update, updating] = useMutation(UpdateTourDocument);
  const [problem, setProblem] = useState<string | null>(null);

  const before = (field: keyof TourValues, message: string, orEqual = true) => ({ getFieldValue }: { getFieldValue: (n: string) => unknown }) => ({
    validator: (_: unknown, v: Dayjs | undefined) => {
      const other = getFieldValue(field) as Dayjs | undefined;
      if (!v || !other) return Promise.resolve();
      return (orEqual ? !v.isAfter(other) : v.isBefore(other)) ? Promise.resolve() : Promise.reject(new Error(message));
    },
  });

  const submit = async (v: TourValues) => {
    setProblem(null);
    const input = {
      title: v.title.trim(),
      kind: v.kind,
      destination: v.destination.trim(),
      meetingPoint: v.meetingPoint?.trim() || null,
      startsAt: v.startsAt.toISOString(),
      endsAt: v.endsAt.toISOString(),
      signUpOpensAt: v.signUpOpensAt.toISOString(),
      signUpClosesAt: v.signUpClosesAt.toISOString(),
      cancelCutoffAt: v.cancelCutoffAt.toISOString(),
      capacity: v.capacity,
      classHours: v.classHours ?? 0,
      eligibleTiers: v.eligibleTiers ?? [],
      eligibleUnitIds: v.eligibleUnitIds ?? [],
      leadingOnly: Boolean(v.leadingOnly),
      approvalRequired: Boolean(v.approvalRequired),
    };
    try {
      if (tour) {
        await update({ variables: { id: tour.id, input } });
        void message.success(t('tourForm.saved'));
        onSaved(tour.id);
      } else {
        const res = await create({ variables: { input } });
        void message.success(t('tourForm.created'));
        onSaved(res.data!.createStudyTour.id);
      }
    } catch (e) {
      setProblem(showFieldErrors(form, e, t));
    }
  };

  const start = dayjs().add(7, 'day').hour(8).minute(30).second(0).millisecond(0);
  return (
    <Form<TourValues>
      form={form}
      layout="vertical"
      onFinish={submit}
      onValuesChange={() => setProblem(null)}
      initialValues={
        tour
          ? {
              title: tour.title,
              kind: tour.kind,
              destination: tour.destination,
              meetingPoint: tour.meetingPoint ?? '',
              startsAt: dayjs(tour.startsAt),
              endsAt: dayjs(tour.endsAt),
              signUpOpensAt: dayjs(tour.signUpOpensAt),
              signUpClosesAt: dayjs(tour.signUpClosesAt),
              cancelCutoffAt: dayjs(tour.cancelCutoffAt),
              capacity: tour.capacity,
              classHours: tour.classHours,
              eligibleTiers: tour.eligibleTiers,
              eligibleUnitIds: tour.eligibleUnitIds,
              leadingOnly: tour.leadingOnly,
              approvalRequired: tour.approvalRequired,
            }
          : {
              kind: 'WARNING_EDUCATION_BASE',
              meetingPoint: '',
              capacity: 40,
              classHours: 4,
              startsAt: start,
              endsAt: start.add(4, 'hour'),
              signUpOpensAt: dayjs().second(0).millisecond(0),
              signUpClosesAt: start.subtract(2, 'day'),
              cancelCutoffAt: start.subtract(1, 'day'),
              eligibleTiers: [],
              eligibleUnitIds: [],
              leadingOnly: false,
              approvalRequired: false,
            }
      }
    >
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} role="alert" />}
      <Form.Item name="title" label={t('tourForm.title')} rules={[{ required: true, whitespace: true, message: t('tourForm.titleRequired') }, { max: 200, message: t('tourForm.tooLong') }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="kind" label={t('tourForm.kind')} rules={[{ required: true, message: t('tourForm.kindRequired') }]}>
        <Select options={TOUR_KINDS.map((k) => ({ value: k, label: t(`tours.kinds.${k}`) }))} />
      </Form.Item>
      <Form.Item name="destination" label={t('tourForm.destination')} rules={[{ required: true, whitespace: true, message: t('tourForm.destinationRequired') }, { max: 200, message: t('tourForm.tooLong') }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="meetingPoint" label={t('tourForm.meetingPoint')} rules={[{ max: 200, message: t('tourForm.tooLong') }]}>
        <Input maxLength={200} placeholder={t('tourForm.meetingPointPlaceholder')} />
      </Form.Item>
      <Space wrap align="start">
        <Form.Item name="startsAt" label={t('tourForm.startsAt')} rules={[{ required: true, message: t('tourForm.timeRequired') }]}>
          <DatePicker showTime={TIME} format={FORMAT} />
        </Form.Item>
        <Form.Item
          name="endsAt"
          label={t('tourForm.endsAt')}
          dependencies={['startsAt']}
          rules={[
            { required: true, message: t('tourForm.timeRequired') },
            ({ getFieldValue }) => ({
              validator: (_, v: Dayjs | undefined) => (!v || !getFieldValue('startsAt') || v.isAfter(getFieldValue('startsAt') as Dayjs) ? Promise.resolve() : Promise.reject(new Error(t('tourForm.endsAfterStart')))),
            }),
          ]}
        >
          <DatePicker showTime={TIME} format={FORMAT} />
        </Form.Item>
      </Space>
      <Space wrap align="start">
        <Form.Item name="signUpOpensAt" label={t('tourForm.signUpOpensAt')} rules={[{ required: true, message: t('tourForm.timeRequired') }]}>
          <DatePicker showTime={TIME} format={FORMAT} />
        </Form.Item>
        <Form.Item
          name="signUpClosesAt"
          label={t('tourForm.signUpClosesAt')}
          dependencies={['signUpOpensAt', 'startsAt']}
          rules={[
            { required: true, message: t('tourForm.timeRequired') },
            ({ getFieldValue }) => ({
              validator: (_, v: Dayjs | undefined) => (!v || !getFieldValue('signUpOpensAt') || v.isAfter(getFieldValue('signUpOpensAt') as Dayjs) ? Promise.resolve() : Promise.reject(new Error(t('tourForm.closesAfterOpens')))),
            }),
            before('startsAt', t('tourForm.notAfterStart')),
          ]}
        >
          <DatePicker showTime={TIME} format={FORMAT} />
        </Form.Item>
        <Form.Item name="cancelCutoffAt" label={t('tourForm.cancelCutoffAt')} extra={t('tourForm.cancelCutoffHint')} dependencies={['startsAt']} rules={[{ required: true, message: t('tourForm.timeRequired') }, before('startsAt', t('tourForm.notAfterStart'))]}>
          <DatePicker showTime={TIME} format={FORMAT} />
        </Form.Item>
      </Space>
      <Space wrap align="start">
        <Form.Item name="capacity" label={t('tourForm.capacity')} rules={[{ required: true, message: t('tourForm.capacityRequired') }]} extra={tour ? undefined : t('tourForm.capacityHint')}>
          <InputNumber min={1} max={100000} precision={0} suffix={t('tours.seatsUnit')} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="classHours" label={t('tourForm.classHours')} extra={t('tourForm.classHoursHint')}>
          <InputNumber min={0} max={999} step={0.5} precision={2} style={{ width: 140 }} />
        </Form.Item>
      </Space>
      <Form.Item name="eligibleTiers" label={t('tourForm.eligibleTiers')} extra={t('tourForm.eligibleTiersHint')}>
        <Select mode="multiple" allowClear options={tiers} placeholder={t('tourForm.anyTier')} />
      </Form.Item>
      <Form.Item name="eligibleUnitIds" label={t('tourForm.eligibleUnits')} extra={t('tourForm.eligibleUnitsHint')}>
        <UnitSelect />
      </Form.Item>
      <Space wrap size="large">
        <Form.Item name="leadingOnly" label={t('tourForm.leadingOnly')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="approvalRequired" label={t('tourForm.approvalRequired')} valuePropName="checked" extra={t('tourForm.approvalHint')}>
          <Switch />
        </Form.Item>
      </Space>
      <div>
        <Button type="primary" htmlType="submit" loading={creating.loading || updating.loading}>
          {tour ? t('tourForm.save') : t('tourForm.create')}
        </Button>
      </div>
    </Form>
  );
}
