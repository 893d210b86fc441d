import { useQuery } from '@apollo/client/react';
import { Alert, Card, Descriptions, Grid, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { apiProblem, problemText } from '../../../components/errors';
import { graphql } from '../../../gql';
import type { AdminCampaignPreviewFieldsFragment, CampaignInput } from '../../../gql/graphql';
import { shanghaiDateTime } from '../shared/time';
import { useDebounced } from '../shared/hooks';

export const PreviewFieldsFragment = graphql(`
  fragment AdminCampaignPreviewFields on CampaignPreview {
    title
    text
    html
    smsSegments
    recipientName
    eventName
    eventDate
    sendAt
    externalSendAt
    cadres
    spouses
    channels {
      channel
      recipients
      reachable
      missingAddress
    }
  }
`);

const PreviewDraftDocument = graphql(`
  query AdminPreviewDraft($input: CampaignInput!, $recipientId: ID) {
    previewReminderDraft(input: $input, recipientId: $recipientId) {
      ...AdminCampaignPreviewFields
    }
  }
`);

const RecipientSearchDocument = graphql(`
  query AdminPreviewRecipients($search: String) {
    users(search: $search, role: CADRE, active: true, first: 20) {
      nodes {
        id
        name
        unit {
          id
          name
        }
      }
    }
  }
`);

export interface PreviewProblem {
  field: string;
  message: string;
}

/** The rendered message and the audience per channel, as the API computes them for the campaign being edited. */
export function DraftPreview({
  inputJson,
  recipientId,
  onRecipient,
  onProblems,
  onFields,
  fieldLabel,
}: {
  inputJson: string;
  recipientId?: string;
  onRecipient(id: string | undefined): void;
  onProblems(problems: PreviewProblem[]): void;
  /** Fields whose problems the form already shows next to them. */
  onFields: string[];
  fieldLabel(field: string): string;
}) {
  const { t } = useTranslation('admin');
  const input = useMemo(() => JSON.parse(inputJson) as CampaignInput, [inputJson]);
  const query = useQuery(PreviewDraftDocument, { variables: { input, recipientId }, fetchPolicy: 'no-cache' });
  const problem = query.error ? apiProblem(query.error) : null;
  const fieldProblems = useMemo(() => (problem?.code === 'BAD_USER_INPUT' ? problem.fields : []), [problem?.code, problem?.fields]);
  const problemsKey = JSON.stringify(fieldProblems);
  useEffect(() => {
    onProblems(JSON.parse(problemsKey) as PreviewProblem[]);
  }, [problemsKey, onProblems]);

  const listed = fieldProblems.filter((p) => !onFields.includes(p.field));
  const shown = query.data?.previewReminderDraft ?? (query.loading ? query.previousData?.previewReminderDraft : undefined);

  return (
    <Card
      title={t('preview.title')}
      extra={query.loading ? <Spin size="small" aria-label={t('preview.updating')} /> : null}
      data-testid="campaign-preview"
      aria-busy={query.loading}
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('preview.hint')}</Typography.Text>
        <RecipientPicker value={recipientId} onChange={onRecipient} />
        {problem && fieldProblems.length > 0 && (
          <Alert
            type="warning"
            showIcon
            title={listed.length ? t('preview.incomplete') : t('preview.fixMarked')}
            description={
              listed.length === 0 ? undefined : (
                <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                  {listed.map((p) => (
                    <li key={`${p.field}-${p.message}`}>
                      {fieldLabel(p.field)}：{p.message}
                    </li>
                  ))}
                </ul>
              )
            }
            data-testid="preview-problems"
          />
        )}
        {problem && fieldProblems.length === 0 && <Alert type="error" showIcon title={t('preview.failed', { message: problemText(problem, t) })} />}
        {shown && !problem && <PreviewBody preview={shown} input={input} />}
      </Space>
    </Card>
  );
}

function RecipientPicker({ value, onChange }: { value?: string; onChange(id: string | undefined): void }) {
  const { t } = useTranslation('admin');
  const [search, setSearch] = useState('');
  const settled = useDebounced(search, 300);
  const users = useQuery(RecipientSearchDocument, { variables: { search: settled.trim() || undefined } });
  const options = (users.data?.users.nodes ?? users.previousData?.users.nodes ?? []).map((u) => ({ value: u.id, label: `${u.name}（${u.unit.name}）` }));
  return (
    <div>
      <Typography.Text>{t('preview.recipient')}</Typography.Text>
      <Select
        style={{ width: '100%', marginTop: 4 }}
        allowClear
        value={value}
        onChange={(v: string | undefined) => onChange(v)}
        placeholder={t('preview.recipientPlaceholder')}
        showSearch={{ onSearch: setSearch, filterOption: false }}
        loading={users.loading}
        options={options}
        aria-label={t('preview.recipient')}
        data-testid="preview-recipient"
      />
    </div>
  );
}

/** The message as one recipient will see it, when it goes out, and how many it reaches on each channel. */
export function PreviewBody({ preview, input }: { preview: AdminCampaignPreviewFieldsFragment; input: Pick<CampaignInput, 'channels' | 'triggerKind'> }) {
  const { t } = useTranslation('admin');
  const screens = Grid.useBreakpoint();
  const external = (input.channels ?? []).some((c) => c !== 'IN_APP');
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Descriptions
        size="small"
        column={1}
        layout={screens.sm ? 'horizontal' : 'vertical'}
        items={[
          { key: 'for', label: t('preview.recipientLabel'), children: <span data-testid="preview-recipient-name">{preview.recipientName}</span> },
          { key: 'event', label: t('preview.eventLabel'), children: <span data-testid="preview-event">{t('preview.event', { name: preview.eventName, date: preview.eventDate })}</span> },
          {
            key: 'sendAt',
            label: t('preview.sendAt'),
            children: <span data-testid="preview-send-at">{input.triggerKind === 'OCCASION' ? t('preview.noSendAt') : preview.sendAt ? shanghaiDateTime(preview.sendAt) : t('preview.sendAtNone')}</span>,
          },
          ...(external && preview.externalSendAt ? [{ key: 'external', label: t('preview.externalSendAt'), children: shanghaiDateTime(preview.externalSendAt) }] : []),
        ]}
      />
      <div style={{ background: '#f6f8f7', border: '1px solid #e3ebe8', borderRadius: 8, padding: 12 }}>
        <Typography.Text strong data-testid="preview-title">
          {preview.title}
        </Typography.Text>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '8px 0 0' }} data-testid="preview-text">
          {preview.text}
        </Typography.Paragraph>
        {(input.channels ?? []).includes('SMS') && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('preview.smsSegments', { count: preview.smsSegments })}
          </Typography.Text>
        )}
      </div>
      {preview.html && (input.channels ?? []).includes('EMAIL') && (
        <div>
          <Typography.Text>{t('preview.ecard')}</Typography.Text>
          {/* no scripts, no same origin: the e-card is shown, never run */}
          <iframe sandbox="" srcDoc={preview.html} title={t('preview.ecardFrame')} style={{ width: '100%', height: 220, border: '1px solid #e3ebe8', borderRadius: 8, marginTop: 4, background: '#fff' }} />
        </div>
      )}
      <div>
        <Space wrap>
          <Typography.Text strong>{t('preview.audience')}</Typography.Text>
          <Tag data-testid="preview-cadres">{t('preview.cadres', { count: preview.cadres })}</Tag>
          {preview.spouses > 0 && <Tag data-testid="preview-spouses">{t('preview.spouses', { count: preview.spouses })}</Tag>}
        </Space>
        {preview.cadres === 0 ? (
          <Alert style={{ marginTop: 8 }} type="warning" showIcon title={t('preview.noAudience')} />
        ) : (
          <>
            <Table
              style={{ marginTop: 8 }}
              size="small"
              pagination={false}
              rowKey="channel"
              dataSource={preview.channels}
              data-testid="preview-channels"
              columns={[
                { title: t('preview.channel'), dataIndex: 'channel', render: (c: string) => t(`channels.${c}`) },
                { title: t('preview.recipients'), dataIndex: 'recipients', align: 'right', onCell: (r) => ({ 'data-testid': `preview-${r.channel}-recipients` }) as HTMLAttributes<HTMLElement> },
                { title: t('preview.reachable'), dataIndex: 'reachable', align: 'right', onCell: (r) => ({ 'data-testid': `preview-${r.channel}-reachable` }) as HTMLAttributes<HTMLElement> },
                {
                  title: t('preview.missing'),
                  dataIndex: 'missingAddress',
                  align: 'right',
                  onCell: (r) => ({ 'data-testid': `preview-${r.channel}-missing` }) as HTMLAttributes<HTMLElement>,
                  render: (n: number) => (n > 0 ? <Typography.Text type="warning">{n}</Typography.Text> : n),
                },
              ]}
            />
            {preview.channels.some((c) => c.missingAddress > 0) && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('preview.missingHint')}
              </Typography.Text>
            )}
          </>
        )}
      </div>
    </Space>
  );
}
