import { CheckCircleFilled, CloseCircleFilled, FileOutlined, LoadingOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, Form, Image, InputNumber, Progress, Space, Tag, Typography } from 'antd';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiProblem, problemText } from '../../../components/errors';
import { graphql } from '../../../gql';
import { clock } from '../../cadre/learning/format';
import { HttpProblem } from '../../../lib/http';
import { uploadMedia, type UploadHandle, type UploadKind } from './http';

const MediaAssetDocument = graphql(`
  query TrainerMediaAsset($id: ID!) {
    mediaAsset(id: $id) {
      id
      kind
      status
      failureReason
      originalName
      sizeBytes
      contentType
      durationSeconds
      durationSource
      posterUrl
      url
    }
  }
`);

const SetVideoDurationDocument = graphql(`
  mutation TrainerSetVideoDuration($id: ID!, $seconds: Float!) {
    setVideoDuration(id: $id, seconds: $seconds) {
      id
      status
      failureReason
      durationSeconds
      durationSource
      posterUrl
    }
  }
`);

export type MediaKindName = 'VIDEO' | 'DOCUMENT' | 'IMAGE';

const PATH: Record<MediaKindName, UploadKind> = { VIDEO: 'videos', DOCUMENT: 'documents', IMAGE: 'images' };
const ACCEPT: Record<MediaKindName, string> = { VIDEO: 'video/mp4,video/webm,.mp4,.webm', DOCUMENT: 'application/pdf,.pdf', IMAGE: 'image/jpeg,image/png,image/webp' };

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** A sentence for a failed upload or download over plain HTTP. */
export function useHttpProblemText() {
  const { t } = useTranslation('trainer');
  return (error: unknown) => {
    if (error instanceof HttpProblem) {
      if (error.code === 'PAYLOAD_TOO_LARGE') return t('media.tooLarge', { message: error.message });
      return problemText({ code: error.code, message: error.message || t('media.failedUpload'), fields: [] }, t);
    }
    return problemText(apiProblem(error), t);
  };
}

/**
 * Chooses and uploads a film, PDF or image (a form control: value is the
 * media id). Shows the real upload progress, then the file's processing
 * status until the worker has read the film (READY, with its poster and
 * duration) or failed (the reason, and the duration may be entered by hand).
 */
export function MediaUpload({ kind, value, onChange, id }: { kind: MediaKindName; value?: string | null; onChange?: (id: string | undefined) => void; id?: string }) {
  const { t } = useTranslation('trainer');
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const handle = useRef<UploadHandle | null>(null);
  const [uploading, setUploading] = useState<{ name: string; size: number; percent: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const describe = useHttpProblemText();

  useEffect(() => () => handle.current?.abort(), []);

  const start = async (file: File) => {
    setError(null);
    setUploading({ name: file.name, size: file.size, percent: 0 });
    const h = uploadMedia(PATH[kind], file, (percent) => setUploading((u) => (u ? { ...u, percent } : u)));
    handle.current = h;
    try {
      const media = await h.done;
      setUploading(null);
      onChange?.(media.id);
    } catch (e) {
      setUploading(null);
      if (!(e instanceof HttpProblem && e.code === 'ABORTED')) setError(describe(e));
    } finally {
      handle.current = null;
      if (input.current) input.current.value = '';
    }
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }} id={id}>
      <input
        ref={input}
        id={inputId}
        type="file"
        accept={ACCEPT[kind]}
        aria-label={t(`media.choose.${kind}`)}
        data-testid={`file-input-${kind.toLowerCase()}`}
        style={{ display: 'none' }}
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) void start(file);
        }}
      />
      <Space wrap>
        <Button icon={<UploadOutlined />} onClick={() => input.current?.click()} disabled={Boolean(uploading)}>
          {value ? t(`media.replace.${kind}`) : t(`media.choose.${kind}`)}
        </Button>
        <Typography.Text type="secondary">{t(`media.accepts.${kind}`)}</Typography.Text>
      </Space>
      {uploading && (
        <div data-testid="upload-progress" role="status" aria-live="polite">
          <Typography.Text>{t('media.uploading', { name: uploading.name, size: formatBytes(uploading.size) })}</Typography.Text>
          <Space style={{ width: '100%' }} align="center">
            <Progress percent={uploading.percent} status="active" style={{ minWidth: 220 }} aria-label={t('media.progress')} />
            <Button size="small" onClick={() => handle.current?.abort()}>
              {t('media.cancel')}
            </Button>
          </Space>
        </div>
      )}
      {error && <Alert type="error" showIcon title={t('media.failedUpload')} description={error} role="alert" />}
      {value && !uploading && <MediaStatus id={value} />}
    </Space>
  );
}

/** The processing status of an uploaded file, polled while a film is processing. */
export function MediaStatus({ id }: { id: string }) {
  const { t } = useTranslation('trainer');
  const query = useQuery(MediaAssetDocument, { variables: { id }, fetchPolicy: 'network-only' });
  const status = query.data?.mediaAsset.status;
  const { startPolling, stopPolling } = query;
  useEffect(() => {
    if (status === 'PROCESSING') startPolling(1500);
    else stopPolling();
    return () => stopPolling();
  }, [status, startPolling, stopPolling]);

  if (!query.data) {
    if (query.error) return <Alert type="warning" showIcon title={problemText(apiProblem(query.error), t)} />;
    return (
      <Typography.Text type="secondary">
        <LoadingOutlined /> {t('media.reading')}
      </Typography.Text>
    );
  }
  const asset = query.data.mediaAsset;
  return (
    <div data-testid="media-status" style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: 12 }}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <FileOutlined />
          <Typography.Text strong>{asset.originalName}</Typography.Text>
          <Typography.Text type="secondary">{formatBytes(asset.sizeBytes)}</Typography.Text>
          {asset.status === 'READY' && (
            <Tag color="success" icon={<CheckCircleFilled />}>
              {t('media.status.READY')}
            </Tag>
          )}
          {asset.status === 'PROCESSING' && (
            <Tag color="processing" icon={<LoadingOutlined />}>
              {t('media.status.PROCESSING')}
            </Tag>
          )}
          {asset.status === 'FAILED' && (
            <Tag color="error" icon={<CloseCircleFilled />}>
              {t('media.status.FAILED')}
            </Tag>
          )}
        </Space>
        {asset.status === 'PROCESSING' && <Typography.Text type="secondary">{t('media.processingHint')}</Typography.Text>}
        {asset.kind === 'VIDEO' && asset.status === 'READY' && (
          <Space align="start" wrap>
            {asset.posterUrl && <Image src={asset.posterUrl} alt={t('media.poster')} width={160} preview={false} data-testid="media-poster" />}
            <Typography.Text>
              {t('media.duration', { duration: clock(asset.durationSeconds ?? 0) })}
              {asset.durationSource === 'TRAINER' ? ` (${t('media.durationByHand')})` : ''}
            </Typography.Text>
          </Space>
        )}
        {asset.kind === 'DOCUMENT' && asset.status === 'READY' && (
          <a href={asset.url} target="_blank" rel="noopener noreferrer">
            {t('media.viewDocument')}
          </a>
        )}
        {asset.kind === 'IMAGE' && asset.status === 'READY' && <Image src={asset.url} alt={asset.originalName} width={200} preview={false} />}
        {asset.status === 'FAILED' && (
          <>
            <Alert type="error" showIcon title={t('media.failedTitle')} description={asset.failureReason ?? t('media.noReason')} />
            <DurationForm id={asset.id} />
          </>
        )}
      </Space>
    </div>
  );
}

function DurationForm({ id }: { id: string }) {
  const { t } = useTranslation('trainer');
  const [form] = Form.useForm<{ minutes: number; seconds: number }>();
  const [save, saving] = useMutation(SetVideoDurationDocument);
  const [error, setError] = useState<string | null>(null);
  return (
    <Form
      form={form}
      layout="inline"
      onFinish={async ({ minutes, seconds }) => {
        setError(null);
        try {
          await save({ variables: { id, seconds: (minutes ?? 0) * 60 + (seconds ?? 0) } });
        } catch (e) {
          setError(problemText(apiProblem(e), t));
        }
      }}
    >
      <Typography.Paragraph style={{ width: '100%' }}>{t('media.enterDuration')}</Typography.Paragraph>
      <Form.Item name="minutes" label={t('media.minutes')} rules={[{ required: true, message: t('media.minutesRequired') }]}>
        <InputNumber min={0} max={1440} precision={0} />
      </Form.Item>
      <Form.Item
        name="seconds"
        label={t('media.seconds')}
        initialValue={0}
        dependencies={['minutes']}
        rules={[
          { required: true, message: t('media.secondsRequired') },
          ({ getFieldValue }) => ({
            validator: (_, v: number | null) => ((getFieldValue('minutes') ?? 0) * 60 + (v ?? 0) > 0 ? Promise.resolve() : Promise.reject(new Error(t('media.durationPositive')))),
          }),
        ]}
      >
        <InputNumber min={0} max={59} precision={0} />
      </Form.Item>
      <Form.Item>
        <Button htmlType="submit" loading={saving.loading}>
          {t('media.saveDuration')}
        </Button>
      </Form.Item>
      {error && <Alert type="error" showIcon title={error} />}
    </Form>
  );
}
