import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, App, Button, Card, Checkbox, Form, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiProblem, problemText } from '../../../components/errors';
import { QueryState } from '../../../components/PageState';
import { graphql } from '../../../gql';
import { formatDateTime } from '../../../lib/time';

const CommitmentDocument = graphql(`
  query LearningCommitment {
    myCommitmentLetter {
      id
      body
    }
    integrityRecord {
      signatures {
        id
        letterId
        signedAt
        body
      }
    }
  }
`);

const SignDocument = graphql(`
  mutation LearningSignCommitment($attemptId: ID!) {
    signCommitmentLetter(attemptId: $attemptId) {
      id
      letterId
      signedAt
    }
  }
`);

/**
 * After a passed integrity exam: the unit's commitment letter (廉政承诺书),
 * signed once after the cadre confirms having read it. A signed letter shows
 * the text as signed and when; the signature then counts in the year's record.
 */
export function CommitmentLetter({ attemptId }: { attemptId: string }) {
  const { t } = useTranslation('learning');
  const { message } = App.useApp();
  const query = useQuery(CommitmentDocument, { fetchPolicy: 'cache-and-network' });
  const [agreed, setAgreed] = useState(false);
  const [touched, setTouched] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sign, signing] = useMutation(SignDocument, { refetchQueries: [CommitmentDocument, 'CadreHome', 'PortalRecord'] });

  const submit = async () => {
    setTouched(true);
    if (!agreed) return;
    setError(null);
    try {
      await sign({ variables: { attemptId } });
      void message.success(t('commitment.signed'));
    } catch (e) {
      setError(problemText(apiProblem(e), t));
    }
  };

  return (
    <Card
      size="small"
      title={
        <span>
          <SafetyCertificateOutlined /> {t('commitment.title')}
        </span>
      }
      data-testid="commitment-letter"
    >
      <QueryState loading={query.loading} error={query.error} data={query.data} retry={() => void query.refetch()}>
        {(data) => {
          const letter = data.myCommitmentLetter;
          const signature = letter && data.integrityRecord.signatures.find((s) => s.letterId === letter.id);
          return !letter ? (
            <Alert type="info" showIcon title={t('commitment.none')} />
          ) : (
            <>
              {signature && <Tag color="success" style={{ marginBottom: 8 }}>{t('commitment.signedTag')}</Tag>}
              {!signature && <Typography.Paragraph type="secondary">{t('commitment.intro')}</Typography.Paragraph>}
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', background: '#fafafa', padding: 12, borderRadius: 6 }} data-testid="commitment-body">
                {signature?.body ?? letter.body}
              </Typography.Paragraph>
              {signature ? (
                <Typography.Text type="success" data-testid="commitment-signed-at">
                  {t('commitment.signedAt', { time: formatDateTime(signature.signedAt) })}
                </Typography.Text>
              ) : (
                <Form layout="vertical" onFinish={submit}>
                  {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} />}
                  <Form.Item validateStatus={touched && !agreed ? 'error' : undefined} help={touched && !agreed ? t('commitment.agreeRequired') : t('commitment.signedNote')}>
                    <Checkbox checked={agreed} onChange={(e) => setAgreed(e.target.checked)}>
                      {t('commitment.agree')}
                    </Checkbox>
                  </Form.Item>
                  <Button type="primary" htmlType="submit" loading={signing.loading} block>
                    {t('commitment.sign')}
                  </Button>
                </Form>
              )}
            </>
          );
        }}
      </QueryState>
    </Card>
  );
}
