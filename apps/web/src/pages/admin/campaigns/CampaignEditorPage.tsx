import { ArrowLeftOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@apollo/client/react';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Space,
  Switch,
  TimePicker,
  TreeSelect,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useAuth } from '../../../auth/AuthProvider';
import { showFieldErrors } from '../../../components/errors';
import { ErrorState, Loading } from '../../../components/PageState';
import { graphql } from '../../../gql';
import type { AdminCampaignFieldsFragment, CadreTier, CampaignInput, DeliveryChannel, FestivalKey, OccasionKind, ReminderTrigger } from '../../../gql/graphql';
import { currentYear } from '../../../lib/time';
import { shanghaiDateTime } from '../shared/time';
import { useDebounced } from '../shared/hooks';
import { useUnitDirectory } from '../shared/units';
import { CampaignDocument, CustomDatesForCampaignsDocument, ScheduleCampaignDocument } from './documents';
import { DraftPreview, type PreviewProblem } from './DraftPreview';
import { CHANNELS, FESTIVAL_KEYS, OCCASION_KINDS, TEMPLATE_VARIABLES, TRIGGERS } from './shared';

const TIERS: CadreTier[] = ['ON_JOB', 'NEW_APPOINTEE', 'RESERVE', 'RETIRED'];
/** The text a new campaign starts with (zh-CN, as the messages go out); the administrator edits it. */
const DEFAULT_TITLE = '{{festival}}廉洁提醒';
const DEFAULT_TEXT = '{{name}}同志：{{festival}}（{{date}}）将至，请严守中央八项规定精神，不收送礼品礼金，不违规操办婚丧喜庆事宜，过一个风清气正的节日。——{{sender}}';

const CreateCampaignDocument = graphql(`
  mutation AdminCreateCampaign($input: CampaignInput!) {
    createReminderCampaign(input: $input) {
      ...AdminCampaignFields
    }
  }
`);

const UpdateCampaignDocument = graphql(`
  mutation AdminUpdateCampaign($id: ID!, $input: CampaignInput!) {
    updateReminderCampaign(id: $id, input: $input) {
      ...AdminCampaignFields
      occurrences {
        id
        sendAt
        status
      }
    }
  }
`);

interface FormValues {
  name: string;
  unitId?: string;
  triggerKind: ReminderTrigger;
  festivalKey?: FestivalKey;
  daysBefore: number | null;
  sendTime?: Dayjs | null;
  repeatYearly: boolean;
  dateSource: 'date' | 'custom';
  sendDate?: Dayjs | null;
  customDateId?: string;
  occasionKinds: OccasionKind[];
  occasionTiming: 'report' | 'offset';
  occasionOffsetDays?: number | null;
  channels: DeliveryChannel[];
  audienceTiers: CadreTier[];
  audienceUnitIds: string[];
  includeSubunits: boolean;
  leadingOnly: boolean;
  includeSpouses: boolean;
  title: string;
  bodyText: string;
  bodyHtml?: string;
}

/** The API's input from the form: fields of the other trigger kinds are cleared, so an edit leaves nothing stale. */
export function toInput(v: Partial<FormValues>): CampaignInput {
  const common = {
    name: v.name?.trim() ?? '',
    channels: v.channels ?? [],
    audienceTiers: v.audienceTiers ?? [],
    audienceUnitIds: v.audienceUnitIds ?? [],
    includeSubunits: v.includeSubunits ?? true,
    leadingOnly: v.leadingOnly ?? false,
    includeSpouses: v.includeSpouses ?? false,
    title: v.title ?? '',
    bodyText: v.bodyText ?? '',
    bodyHtml: v.bodyHtml?.trim() ? v.bodyHtml : null,
    sendTime: v.sendTime ? v.sendTime.format('HH:mm') : undefined,
    triggerKind: v.triggerKind,
  };
  if (v.triggerKind === 'OCCASION') {
    return {
      ...common,
      festivalKey: null,
      customDateId: null,
      sendDate: null,
      occasionKinds: v.occasionKinds ?? [],
      occasionOffsetDays: v.occasionTiming === 'offset' ? (v.occasionOffsetDays ?? 0) : null,
      daysBefore: 0,
      repeatYearly: false,
    };
  }
  const dated = { ...common, occasionKinds: [], occasionOffsetDays: null, daysBefore: v.daysBefore ?? 0 };
  if (v.triggerKind === 'DATE') {
    const custom = v.dateSource === 'custom';
    return {
      ...dated,
      festivalKey: null,
      customDateId: custom ? (v.customDateId ?? null) : null,
      sendDate: custom ? null : (v.sendDate?.format('YYYY-MM-DD') ?? null),
      repeatYearly: custom ? (v.repeatYearly ?? false) : false,
    };
  }
  return { ...dated, festivalKey: v.festivalKey ?? null, customDateId: null, sendDate: null, repeatYearly: v.repeatYearly ?? true };
}

function fromCampaign(c: AdminCampaignFieldsFragment): FormValues {
  return {
    name: c.name,
    unitId: c.unitId,
    triggerKind: c.triggerKind,
    festivalKey: c.festivalKey ?? undefined,
    daysBefore: c.daysBefore,
    sendTime: dayjs(c.sendTime, 'HH:mm'),
    repeatYearly: c.repeatYearly,
    dateSource: c.customDateId ? 'custom' : 'date',
    sendDate: c.sendDate ? dayjs(c.sendDate) : null,
    customDateId: c.customDateId ?? undefined,
    occasionKinds: c.occasionKinds,
    occasionTiming: c.occasionOffsetDays === null || c.occasionOffsetDays === undefined ? 'report' : 'offset',
    occasionOffsetDays: c.occasionOffsetDays ?? null,
    channels: c.channels,
    audienceTiers: c.audienceTiers,
    audienceUnitIds: c.audienceUnitIds,
    includeSubunits: c.includeSubunits,
    leadingOnly: c.leadingOnly,
    includeSpouses: c.includeSpouses,
    title: c.title,
    bodyText: c.bodyText,
    bodyHtml: c.bodyHtml ?? '',
  };
}

/** New campaign (`/admin/campaigns/new`) or edit one (`/admin/campaigns/:id/edit`). */
export function CampaignEditorPage() {
  const { id } = useParams();
  const { t } = useTranslation('admin');
  const query = useQuery(CampaignDocument, { variables: { id: id! }, skip: !id, fetchPolicy: 'network-only' });
  if (!id) return <CampaignEditor />;
  if (query.error) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (!query.data) return <Loading rows={10} />;
  const campaign = query.data.reminderCampaign;
  if (campaign.status !== 'DRAFT' && campaign.status !== 'SCHEDULED') {
    return (
      <Alert
        type="warning"
        showIcon
        title={t(`status.${campaign.status}`)}
        description={<Link to={`/admin/campaigns/${campaign.id}`}>{t('editor.backToCampaign')}</Link>}
      />
    );
  }
  return <CampaignEditor campaign={campaign} />;
}

function CampaignEditor({ campaign }: { campaign?: AdminCampaignFieldsFragment }) {
  const { t } = useTranslation('admin');
  const { me } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<FormValues>();
  const { directory: units, loading: unitsLoading } = useUnitDirectory();
  const year = currentYear();
  const customDates = useQuery(CustomDatesForCampaignsDocument, { variables: { year, next: year + 1 } });
  const [createCampaign] = useMutation(CreateCampaignDocument);
  const [updateCampaign] = useMutation(UpdateCampaignDocument);
  const [scheduleCampaign] = useMutation(ScheduleCampaignDocument);
  const [saving, setSaving] = useState<'draft' | 'schedule' | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [recipientId, setRecipientId] = useState<string | undefined>();

  const initial = useMemo<FormValues>(
    () =>
      campaign
        ? fromCampaign(campaign)
        : {
            name: '',
            unitId: me?.unit.id,
            triggerKind: 'FESTIVAL',
            daysBefore: 1,
            sendTime: dayjs('09:00', 'HH:mm'),
            repeatYearly: true,
            dateSource: 'date',
            occasionKinds: [],
            occasionTiming: 'report',
            occasionOffsetDays: null,
            channels: ['IN_APP'],
            audienceTiers: [],
            audienceUnitIds: [],
            includeSubunits: true,
            leadingOnly: false,
            includeSpouses: false,
            title: DEFAULT_TITLE,
            bodyText: DEFAULT_TEXT,
            bodyHtml: '',
          },
    [campaign, me],
  );

  const values = Form.useWatch((all: FormValues) => all, { form, preserve: true }) as Partial<FormValues> | undefined;
  const triggerKind = values?.triggerKind ?? initial.triggerKind;
  const dateSource = values?.dateSource ?? initial.dateSource;
  const occasionTiming = values?.occasionTiming ?? initial.occasionTiming;

  // the live preview: the same checks as saving, on the form as it stands once typing pauses
  const draftInput = useMemo(() => {
    const input = toInput({ ...initial, ...values });
    // the name is not part of the message: an unnamed draft still previews
    return { ...input, name: input.name || t('editor.newTitle'), unitId: campaign?.unitId ?? values?.unitId ?? initial.unitId };
  }, [values, initial, campaign, t]);
  const settledInput = useDebounced(JSON.stringify(draftInput), 400);
  const [problems, setProblems] = useState<PreviewProblem[]>([]);

  // preview problems go next to the fields the administrator has worked on; the rest are listed in the preview
  const marked = useRef(new Set<string>());
  const [onFields, setOnFields] = useState<string[]>([]);
  useEffect(() => {
    const known = new Set(Object.keys(form.getFieldsValue(true)));
    const next = new Map<string, string[]>();
    for (const p of problems) {
      if (known.has(p.field) && form.isFieldTouched(p.field as keyof FormValues)) next.set(p.field, [...(next.get(p.field) ?? []), p.message]);
    }
    if (next.size) form.setFields([...next].map(([name, errors]) => ({ name: name as keyof FormValues, errors })));
    const cleared = [...marked.current].filter((name) => !next.has(name));
    if (cleared.length) void form.validateFields(cleared as (keyof FormValues)[]).catch(() => undefined);
    marked.current = new Set(next.keys());
    setOnFields([...next.keys()]);
  }, [problems, form, t]);

  const customDateOptions = useMemo(() => {
    const seen = new Map<string, { value: string; label: string }>();
    for (const cal of [customDates.data?.thisYear, customDates.data?.nextYear]) {
      for (const d of cal?.customDates ?? []) {
        if (!seen.has(d.customDate.id)) seen.set(d.customDate.id, { value: d.customDate.id, label: `${d.customDate.name} · ${d.customDate.yearly ? d.customDate.date.slice(5) + t('editor.customDateYearly') : d.customDate.date}` });
      }
    }
    return [...seen.values()];
  }, [customDates.data, t]);

  const save = async (then: 'draft' | 'schedule') => {
    setFormError(null);
    try {
      await form.validateFields();
    } catch {
      setFormError(t('editor.invalid'));
      return;
    }
    const all = form.getFieldsValue(true) as FormValues;
    const input = toInput(all);
    setSaving(then);
    try {
      let id = campaign?.id;
      if (campaign) {
        await updateCampaign({ variables: { id: campaign.id, input } });
      } else {
        const res = await createCampaign({ variables: { input: { ...input, unitId: all.unitId } } });
        id = res.data!.createReminderCampaign.id;
      }
      if (then === 'schedule' && (campaign?.status ?? 'DRAFT') === 'DRAFT') {
        try {
          const res = await scheduleCampaign({ variables: { id: id! } });
          const next = res.data!.scheduleReminderCampaign.occurrences.filter((o) => o.status === 'SCHEDULED').map((o) => o.sendAt).sort()[0];
          message.success(next ? t('editor.scheduled', { time: shanghaiDateTime(next) }) : t('editor.scheduledOccasion'));
        } catch (error) {
          // the draft is saved; the campaign page says why it could not be scheduled
          message.error(showFieldErrors(form, error, t) ?? t('editor.invalid'));
          if (campaign) return;
        }
      } else {
        message.success(t('editor.saved'));
      }
      navigate(`/admin/campaigns/${id}`);
    } catch (error) {
      setFormError(showFieldErrors(form, error, t));
    } finally {
      setSaving(null);
    }
  };

  const insertVariable = (variable: string) => {
    const current = (form.getFieldValue('bodyText') as string | undefined) ?? '';
    form.setFieldValue('bodyText', `${current}{{${variable}}}`);
    form.setFields([{ name: 'bodyText', touched: true }]);
  };

  const fieldLabel = (field: string): string => {
    const key = `editor.${field === 'unitId' ? 'unit' : field}`;
    const label = t(key);
    return label === key ? field : label;
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Link to={campaign ? `/admin/campaigns/${campaign.id}` : '/admin/campaigns'}>
        <ArrowLeftOutlined /> {campaign ? t('editor.backToCampaign') : t('editor.back')}
      </Link>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {campaign ? t('editor.editTitle', { name: campaign.name }) : t('editor.newTitle')}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Form form={form} layout="vertical" initialValues={initial} scrollToFirstError aria-label={campaign ? t('editor.editTitle', { name: campaign.name }) : t('editor.newTitle')}>
            <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
              <Card title={t('editor.sections.basics')} size="small">
                <Form.Item name="name" label={t('editor.name')} rules={[{ required: true, whitespace: true, message: t('editor.nameRequired') }, { max: 200 }]}>
                  <Input placeholder={t('editor.namePlaceholder')} maxLength={200} />
                </Form.Item>
                <Form.Item name="unitId" label={t('editor.unit')} extra={t('editor.unitHelp')}>
                  <TreeSelect treeData={units?.tree ?? []} disabled={Boolean(campaign)} loading={unitsLoading} treeDefaultExpandAll showSearch={{ treeNodeFilterProp: 'title' }} />
                </Form.Item>
              </Card>

              <Card title={t('editor.sections.trigger')} size="small">
                <Form.Item name="triggerKind" label={t('editor.triggerKind')}>
                  <Radio.Group optionType="button" options={TRIGGERS.map((k) => ({ value: k, label: t(`triggers.${k}`) }))} />
                </Form.Item>
                {triggerKind === 'FESTIVAL' && (
                  <Form.Item name="festivalKey" label={t('editor.festivalKey')} rules={[{ required: true, message: t('editor.festivalRequired') }]}>
                    <Select placeholder={t('editor.festivalRequired')} options={FESTIVAL_KEYS.map((k) => ({ value: k, label: t(`festivals.${k}`) }))} />
                  </Form.Item>
                )}
                {triggerKind === 'DATE' && (
                  <>
                    <Form.Item name="dateSource" label={t('editor.dateSource')}>
                      <Radio.Group options={(['date', 'custom'] as const).map((k) => ({ value: k, label: t(`editor.dateSources.${k}`) }))} />
                    </Form.Item>
                    {dateSource === 'date' ? (
                      <Form.Item name="sendDate" label={t('editor.sendDate')} rules={[{ required: true, message: t('editor.sendDateRequired') }]}>
                        <DatePicker style={{ width: '100%' }} />
                      </Form.Item>
                    ) : (
                      <Form.Item name="customDateId" label={t('editor.customDateId')} rules={[{ required: true, message: t('editor.customDateRequired') }]}>
                        <Select options={customDateOptions} loading={customDates.loading} notFoundContent={t('editor.customDateNone')} placeholder={t('editor.customDateRequired')} />
                      </Form.Item>
                    )}
                  </>
                )}
                {triggerKind === 'OCCASION' && (
                  <>
                    <Form.Item name="occasionKinds" label={t('editor.occasionKinds')} rules={[{ required: true, type: 'array', min: 1, message: t('editor.occasionKindsRequired') }]}>
                      <Checkbox.Group options={OCCASION_KINDS.map((k) => ({ value: k, label: t(`occasions.${k}`) }))} />
                    </Form.Item>
                    <Form.Item name="occasionTiming" label={t('editor.occasionTiming')}>
                      <Radio.Group options={(['report', 'offset'] as const).map((k) => ({ value: k, label: t(`editor.occasionTimings.${k}`) }))} />
                    </Form.Item>
                    {occasionTiming === 'offset' && (
                      <Form.Item name="occasionOffsetDays" label={t('editor.occasionOffsetDays')} extra={t('editor.occasionOffsetHelp')} rules={[{ required: true, message: t('problems.offsetRange') }]}>
                        <InputNumber min={-60} max={60} precision={0} suffix={t('editor.daysSuffix')} style={{ width: 160 }} />
                      </Form.Item>
                    )}
                  </>
                )}
                <Row gutter={16}>
                  {triggerKind !== 'OCCASION' && (
                    <Col xs={24} sm={12}>
                      <Form.Item name="daysBefore" label={t('editor.daysBefore')} extra={t('editor.daysBeforeHelp')} rules={[{ required: true, message: t('problems.daysRange') }]}>
                        <InputNumber min={0} max={60} precision={0} suffix={t('editor.daysSuffix')} style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                  )}
                  {(triggerKind !== 'OCCASION' || occasionTiming === 'offset') && (
                    <Col xs={24} sm={12}>
                      <Form.Item name="sendTime" label={t('editor.sendTime')} rules={[{ required: true, message: t('editor.sendTimeRequired') }]}>
                        <TimePicker format="HH:mm" needConfirm={false} style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                  )}
                </Row>
                {(triggerKind === 'FESTIVAL' || (triggerKind === 'DATE' && dateSource === 'custom')) && (
                  <Form.Item name="repeatYearly" label={t('editor.repeatYearly')} valuePropName="checked" extra={t('editor.repeatYearlyHelp')}>
                    <Switch />
                  </Form.Item>
                )}
              </Card>

              <Card title={t('editor.sections.audience')} size="small">
                <Form.Item name="channels" label={t('editor.channels')} rules={[{ required: true, type: 'array', min: 1, message: t('editor.channelsRequired') }]}>
                  <Checkbox.Group options={CHANNELS.map((c) => ({ value: c, label: t(`channels.${c}`) }))} />
                </Form.Item>
                <Form.Item name="audienceTiers" label={t('editor.audienceTiers')} extra={t('editor.audienceTiersHelp')}>
                  <Checkbox.Group options={TIERS.map((tier) => ({ value: tier, label: t(`common:tiers.${tier}`) }))} />
                </Form.Item>
                <Form.Item name="audienceUnitIds" label={t('editor.audienceUnitIds')}>
                  <TreeSelect
                    treeData={units?.tree ?? []}
                    multiple
                    loading={unitsLoading}
                    treeDefaultExpandAll
                    showSearch={{ treeNodeFilterProp: 'title' }}
                    allowClear
                    placeholder={t('editor.audienceUnitsPlaceholder')}
                  />
                </Form.Item>
                <Space wrap size="large">
                  <Form.Item name="includeSubunits" valuePropName="checked" noStyle>
                    <Checkbox>{t('editor.includeSubunits')}</Checkbox>
                  </Form.Item>
                  <Form.Item name="leadingOnly" valuePropName="checked" noStyle>
                    <Checkbox>{t('editor.leadingOnly')}</Checkbox>
                  </Form.Item>
                </Space>
                <Form.Item name="includeSpouses" valuePropName="checked" extra={t('editor.includeSpousesHelp')} style={{ marginTop: 16, marginBottom: 0 }}>
                  <Checkbox>{t('editor.includeSpouses')}</Checkbox>
                </Form.Item>
              </Card>

              <Card title={t('editor.sections.content')} size="small">
                <Form.Item name="title" label={t('editor.title')} rules={[{ required: true, whitespace: true, message: t('editor.titleRequired') }, { max: 200 }]}>
                  <Input maxLength={200} />
                </Form.Item>
                <div style={{ marginBottom: 8 }}>
                  <Typography.Text type="secondary">{t('editor.variables')}</Typography.Text>
                  <Space size={[4, 4]} wrap>
                    {TEMPLATE_VARIABLES.map((v) => (
                      <Button key={v} size="small" onClick={() => insertVariable(v)} aria-label={t('editor.insertVariable', { variable: `{{${v}}}` })}>
                        {`{{${v}}}`} {t(`editor.variableNames.${v}`)}
                      </Button>
                    ))}
                  </Space>
                </div>
                <Form.Item name="bodyText" label={t('editor.bodyText')} rules={[{ required: true, whitespace: true, message: t('editor.bodyTextRequired') }, { max: 2000 }]}>
                  <Input.TextArea autoSize={{ minRows: 4, maxRows: 10 }} maxLength={2000} />
                </Form.Item>
                <Form.Item name="bodyHtml" label={t('editor.bodyHtml')} extra={t('editor.bodyHtmlHelp')}>
                  <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} style={{ fontFamily: 'monospace' }} />
                </Form.Item>
              </Card>

              {formError && <Alert type="error" showIcon title={formError} role="alert" data-testid="campaign-form-error" />}
              <Space wrap>
                {(!campaign || campaign.status === 'DRAFT') && (
                  <Button type="primary" loading={saving === 'schedule'} disabled={Boolean(saving)} onClick={() => void save('schedule')}>
                    {t('editor.saveAndSchedule')}
                  </Button>
                )}
                <Button type={campaign?.status === 'SCHEDULED' ? 'primary' : 'default'} loading={saving === 'draft'} disabled={Boolean(saving)} onClick={() => void save('draft')}>
                  {campaign ? t('editor.saveChanges') : t('editor.saveDraft')}
                </Button>
              </Space>
            </Space>
          </Form>
        </Col>
        <Col xs={24} lg={10}>
          <div style={{ position: 'sticky', top: 16 }}>
            <DraftPreview inputJson={settledInput} recipientId={recipientId} onRecipient={setRecipientId} onProblems={setProblems} onFields={onFields} fieldLabel={fieldLabel} />
          </div>
        </Col>
      </Row>
    </Space>
  );
}
