import { ArrowLeftOutlined, EditOutlined, ScheduleOutlined, StopOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, App, Button, Card, Col, Descriptions, Row, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { apiProblem, problemText } from '../../../components/errors';
import { EmptyState, ErrorState, Loading } from '../../../components/PageState';
import { graphql } from '../../../gql';
import { shanghaiDateTime } from '../shared/time';
import { useUnitDirectory } from '../shared/units';
import { CampaignDocument, ScheduleCampaignDocument } from './documents';
import { PreviewBody } from './DraftPreview';
import { OccurrenceStats } from './OccurrenceStats';
import { STATUS_COLOR, triggerSummary } from './shared';

const SavedPreviewDocument = graphql(`
  query AdminCampaignPreview($id: ID!) {
    previewReminderCampaign(id: $id) {
      ...AdminCampaignPreviewFields
    }
  }
`);

const CancelCampaignDocument = graphql(`
  mutation AdminCancelCampaign($id: ID!) {
    cancelReminderCampaign(id: $id) {
      sent
      stopped
      campaign {
        id
        status
      }
    }
  }
`);

/** One campaign: its settings, the message, schedule and cancel, and each sending's statistics as charts. */
export function CampaignPage() {
  const { id } = useParams();
  const { t } = useTranslation('admin');
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const { directory: units } = useUnitDirectory();
  const [live, setLive] = useState(false);
  // while sending, the statistics follow the worker
  const query = useQuery(CampaignDocument, { variables: { id: id! }, pollInterval: live ? 3000 : 0 });
  const campaign = query.data?.reminderCampaign;
  const sending = Boolean(campaign && (campaign.status === 'SENDING' || campaign.occurrences.some((o) => o.status === 'SENDING')));
  useEffect(() => setLive(sending), [sending]);
  const preview = useQuery(SavedPreviewDocument, { variables: { id: id! }, skip: !campaign });
  const [schedule, scheduling] = useMutation(ScheduleCampaignDocument);
  const [cancel] = useMutation(CancelCampaignDocument);
  const [outcome, setOutcome] = useState<{ sent: number; stopped: number } | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);

  if (query.error && !campaign) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (!campaign) return <Loading rows={10} />;
  const current = campaign;

  const unitName = (unitId: string) => units?.byId.get(unitId)?.name ?? '…';
  const editable = current.status === 'DRAFT' || current.status === 'SCHEDULED';
  const cancellable = current.status === 'DRAFT' || current.status === 'SCHEDULED' || current.status === 'SENDING';

  const doSchedule = async () => {
    setActionError(null);
    try {
      const res = await schedule({ variables: { id: current.id } });
      const next = res.data!.scheduleReminderCampaign.occurrences.filter((o) => o.status === 'SCHEDULED').map((o) => o.sendAt).sort()[0];
      message.success(next ? t('editor.scheduled', { time: shanghaiDateTime(next) }) : t('editor.scheduledOccasion'));
      await query.refetch();
    } catch (error) {
      const problem = apiProblem(error);
      setActionError(problem.fields.length ? problem.fields.map((f) => `${t(`editor.${f.field}`, { defaultValue: f.field })}：${f.message}`).join('；') : problemText(problem, t));
    }
  };

  const doCancel = () =>
    modal.confirm({
      title: t('campaign.cancelTitle', { name: current.name }),
      content: current.status === 'SENDING' ? t('campaign.cancelBodySending') : t('campaign.cancelBody'),
      okText: t('campaign.cancelOk'),
      okButtonProps: { danger: true },
      cancelText: t('campaign.cancelKeep'),
      onOk: async () => {
        setActionError(null);
        try {
          const res = await cancel({ variables: { id: current.id } });
          const { sent, stopped } = res.data!.cancelReminderCampaign;
          setOutcome({ sent, stopped });
          message.success(t('campaign.cancelled', { sent, stopped }));
          await query.refetch();
        } catch (error) {
          setActionError(problemText(apiProblem(error), t));
        }
      },
    });

  const audience = [
    current.audienceTiers.length ? current.audienceTiers.map((tier) => t(`common:tiers.${tier}`)).join('、') : t('campaign.audienceAll'),
    current.audienceUnitIds.length ? `${current.audienceUnitIds.map(unitName).join('、')}（${current.includeSubunits ? t('campaign.withSubunits') : t('campaign.withoutSubunits')}）` : null,
    current.leadingOnly ? t('campaign.audienceLeading') : null,
  ]
    .filter(Boolean)
    .join(' · ');

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Link to="/admin/campaigns">
        <ArrowLeftOutlined /> {t('campaign.back')}
      </Link>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Space wrap>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {current.name}
          </Typography.Title>
          <Tag color={STATUS_COLOR[current.status]} data-testid="campaign-status">
            {t(`status.${current.status}`)}
          </Tag>
        </Space>
        <Space wrap>
          {editable && (
            <Button icon={<EditOutlined />} onClick={() => navigate(`/admin/campaigns/${current.id}/edit`)}>
              {t('campaign.edit')}
            </Button>
          )}
          {current.status === 'DRAFT' && (
            <Button type="primary" icon={<ScheduleOutlined />} loading={scheduling.loading} onClick={() => void doSchedule()}>
              {t('campaign.schedule')}
            </Button>
          )}
          {cancellable && (
            <Button danger icon={<StopOutlined />} onClick={doCancel}>
              {t('campaign.cancel')}
            </Button>
          )}
        </Space>
      </Space>
      {actionError && <Alert type="error" showIcon title={actionError} closable={{ onClose: () => setActionError(null) }} />}
      {outcome && <Alert type="info" showIcon title={t('campaign.cancelled', outcome)} data-testid="cancel-outcome" />}
      {live && <Alert type="warning" showIcon title={t('campaign.refreshing')} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={t('campaign.settings')} size="small">
            <Descriptions
              column={1}
              size="small"
              items={[
                { key: 'unit', label: t('campaign.fields.unit'), children: unitName(current.unitId) },
                { key: 'trigger', label: t('campaign.fields.trigger'), children: triggerSummary(current, t) },
                { key: 'channels', label: t('campaign.fields.channels'), children: current.channels.map((c) => t(`channels.${c}`)).join('、') },
                { key: 'audience', label: t('campaign.fields.audience'), children: audience },
                { key: 'spouses', label: t('campaign.fields.spouses'), children: current.includeSpouses ? t('campaign.spousesYes') : t('campaign.spousesNo') },
                { key: 'created', label: t('campaign.fields.created'), children: shanghaiDateTime(current.createdAt) },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('campaign.previewTitle')} size="small">
            {preview.error ? (
              <ErrorState error={preview.error} onRetry={() => void preview.refetch()} />
            ) : preview.data ? (
              <PreviewBody preview={preview.data.previewReminderCampaign} input={current} />
            ) : (
              <Loading />
            )}
          </Card>
        </Col>
      </Row>
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('campaign.occurrences')}
      </Typography.Title>
      {current.occurrences.length === 0 ? (
        <Card size="small">
          <EmptyState description={t('campaign.occurrencesNone')} />
        </Card>
      ) : (
        current.occurrences.map((o) => <OccurrenceStats key={o.id} occurrence={o} />)
      )}
    </Space>
  );
}
