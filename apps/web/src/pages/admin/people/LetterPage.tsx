import { SaveOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, App, Button, Card, Form, Input, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState, Loading } from '../../../components/PageState';
import { useAuth } from '../../../auth/AuthProvider';
import { graphql } from '../../../gql';
import { formatDateTime } from '../../../lib/time';
import { UnitPicker, useUnitDirectory } from '../shared/units';
import { showFieldErrors } from '../../../components/errors';

const LetterDocument = graphql(`
  query PeopleCommitmentLetter($unitId: ID) {
    commitmentLetter(unitId: $unitId) {
      id
      unitId
      body
      createdAt
    }
  }
`);

const SetLetterDocument = graphql(`
  mutation PeopleSetCommitmentLetter($body: String!, $unitId: ID) {
    setCommitmentLetter(body: $body, unitId: $unitId) {
      id
      unitId
      body
      createdAt
    }
  }
`);

const MAX_LENGTH = 20_000;

/**
 * The integrity commitment letter (廉政承诺书) that cadres sign after passing
 * the integrity exam. A unit uses its own letter, or else the nearest one set
 * above it; saving sets a new version for the chosen unit and its subunits
 * without one of their own. Letters already signed keep the text as signed.
 */
export function LetterPage() {
  const { t } = useTranslation('adminPeople');
  const { message } = App.useApp();
  const { me } = useAuth();
  const units = useUnitDirectory();
  const [unitId, setUnitId] = useState<string | undefined>(me?.unit?.id ?? undefined);
  const query = useQuery(LetterDocument, { variables: { unitId }, skip: !unitId, fetchPolicy: 'cache-and-network' });
  const [save, saving] = useMutation(SetLetterDocument, { refetchQueries: [LetterDocument] });
  const [form] = Form.useForm<{ body: string }>();
  const [error, setError] = useState<string | null>(null);
  const letter = query.data?.commitmentLetter;
  const inherited = letter && letter.unitId !== unitId;

  useEffect(() => {
    form.setFieldsValue({ body: letter?.body ?? '' });
    setError(null);
  }, [form, letter?.id, letter?.body, unitId]);

  const submit = async ({ body }: { body: string }) => {
    setError(null);
    try {
      await save({ variables: { body: body.trim(), unitId } });
      void message.success(t('letter.saved'));
    } catch (e) {
      setError(showFieldErrors(form, e, t));
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={3} style={{ marginBottom: 4 }}>
          {t('letter.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('letter.intro')}</Typography.Text>
      </div>
      <Card size="small">
        <Form.Item label={t('letter.unit')} style={{ marginBottom: 0 }}>
          <UnitPicker directory={units.directory} value={unitId} onChange={(v) => v && setUnitId(v)} aria-label={t('letter.unit')} />
        </Form.Item>
      </Card>
      {query.error && !query.data ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : !query.data && (query.loading || units.loading) ? (
        <Loading rows={6} />
      ) : (
        <Card
          size="small"
          title={t('letter.current')}
          extra={letter ? <Tag color={inherited ? 'default' : 'green'} data-testid="letter-source">{inherited ? t('letter.inherited', { unit: units.directory?.pathOf(letter.unitId) ?? '' }) : t('letter.own')}</Tag> : <Tag color="orange">{t('letter.none')}</Tag>}
        >
          {letter && <Typography.Paragraph type="secondary">{t('letter.versionAt', { time: formatDateTime(letter.createdAt) })}</Typography.Paragraph>}
          {!letter && <Alert type="warning" showIcon title={t('letter.noneHint')} style={{ marginBottom: 12 }} />}
          {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} />}
          <Form form={form} name="commitmentLetter" layout="vertical" onFinish={submit}>
            <Form.Item
              name="body"
              label={t('letter.body')}
              rules={[
                { required: true, whitespace: true, message: t('letter.bodyRequired') },
                { max: MAX_LENGTH, message: t('letter.bodyTooLong', { max: MAX_LENGTH }) },
              ]}
              extra={t('letter.bodyHint')}
            >
              <Input.TextArea autoSize={{ minRows: 8, maxRows: 20 }} showCount maxLength={MAX_LENGTH} />
            </Form.Item>
            <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={saving.loading}>
              {inherited || !letter ? t('letter.saveOwn') : t('letter.save')}
            </Button>
          </Form>
        </Card>
      )}
    </Space>
  );
}
