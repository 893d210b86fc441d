import Dysmsapi, { SendSmsRequest } from '@alicloud/dysmsapi20170525';
import { $OpenApiUtil } from '@alicloud/openapi-core';
import type { AppConfig } from '@qinglian/config';
import {
  MessageSender,
  OutgoingMessage,
  PermanentDeliveryError,
  PermanentFailureReason,
  SendResult,
  TransientDeliveryError,
  TransientFailureReason,
} from '../channel';

/** Alibaba Cloud SMS result codes (help.aliyun.com/document_detail/101346) that decide a message for good. */
const INVALID_NUMBER_CODES = new Set(['isv.MOBILE_NUMBER_ILLEGAL', 'isv.MOBILE_COUNT_OVER_LIMIT']);
const REJECTED_CODES = new Set([
  'isv.SMS_TEMPLATE_ILLEGAL',
  'isv.SMS_SIGNATURE_ILLEGAL',
  'isv.SMS_SIGNATURE_SCENE_ILLEGAL',
  'isv.BLACK_KEY_CONTROL_LIMIT',
  'isv.DENY_IP_RANGE',
  'isv.INVALID_PARAMETERS',
  'isv.INVALID_JSON_PARAM',
  'isv.TEMPLATE_MISSING_PARAMETERS',
  'isv.PARAM_LENGTH_LIMIT',
  'isv.PARAM_NOT_SUPPORT_URL',
  'isv.SMS_CONTENT_ILLEGAL',
  'isv.DOMESTIC_NUMBER_NOT_SUPPORTED',
  'isv.EXTEND_CODE_ERROR',
]);
/** Flow control: per-number frequency limits, daily quotas, the API's own throttling. */
const RATE_LIMIT_CODES = new Set(['isv.BUSINESS_LIMIT_CONTROL', 'isv.DAY_LIMIT_CONTROL', 'Throttling.User', 'Throttling', 'Throttling.Api']);

/**
 * ALIYUN_SMS_ENDPOINT as the SDK wants it: `dysmsapi.aliyuncs.com` (HTTPS), or
 * `http(s)://host[:port]`. The SDK builds the URL as `${protocol}://${endpoint}/`
 * and sends the endpoint as the Host header, so the scheme is split off into
 * `protocol` and a path is refused.
 */
export function parseAliyunEndpoint(value: string): { endpoint: string; protocol: 'http' | 'https' } {
  if (!/^https?:\/\//i.test(value)) return { endpoint: value.replace(/\/+$/, ''), protocol: 'https' };
  const url = new URL(value);
  if (url.pathname !== '/' || url.search) throw new Error(`ALIYUN_SMS_ENDPOINT must be a host, optionally with a scheme and port, not ${value}`);
  return { endpoint: url.host, protocol: url.protocol === 'http:' ? 'http' : 'https' };
}

/**
 * Sends SMS through Alibaba Cloud SMS (dysmsapi SendSms), one number per call,
 * with the reminder text as the `content` variable of the ALIYUN_SMS_TEMPLATE_CODE
 * template and the delivery id as OutId (it comes back in delivery receipts).
 *
 * SendSms is NOT idempotent: Alibaba Cloud sends again when called again, and
 * OutId does not deduplicate. A retry after a TIMEOUT or CONNECTION failure (the
 * call may have gone through) can therefore produce a second SMS. A coded answer
 * (anything but OK) means nothing was sent, so retrying those is safe.
 */
export class AliyunSmsSender implements MessageSender {
  private readonly client: Dysmsapi;
  private readonly signName: string;
  private readonly templateCode: string;

  constructor(config: AppConfig) {
    const accessKeyId = config.get('ALIYUN_ACCESS_KEY_ID');
    const accessKeySecret = config.get('ALIYUN_ACCESS_KEY_SECRET');
    const templateCode = config.get('ALIYUN_SMS_TEMPLATE_CODE');
    if (!accessKeyId || !accessKeySecret || !templateCode) {
      throw new Error('ALIYUN_ACCESS_KEY_ID, ALIYUN_ACCESS_KEY_SECRET and ALIYUN_SMS_TEMPLATE_CODE are required for SMS_PROVIDER=aliyun');
    }
    const { endpoint, protocol } = parseAliyunEndpoint(config.get('ALIYUN_SMS_ENDPOINT'));
    const timeoutMs = config.get('SMS_TIMEOUT_MS');
    this.signName = config.get('SMS_SIGN_NAME');
    this.templateCode = templateCode;
    this.client = new Dysmsapi(
      new $OpenApiUtil.Config({
        accessKeyId,
        accessKeySecret,
        endpoint,
        // The SDK's SendSms says HTTPS; a protocol set here wins over it.
        protocol,
        // Without these the SDK's HTTP layer (httpx) gives up after 3 s.
        connectTimeout: timeoutMs,
        readTimeout: timeoutMs,
        // No retryOptions: the SDK then makes exactly one attempt; retries belong to the job queue.
      }),
    );
  }

  async send(message: OutgoingMessage): Promise<SendResult> {
    const request = new SendSmsRequest({
      phoneNumbers: message.to,
      signName: this.signName,
      templateCode: this.templateCode,
      templateParam: JSON.stringify({ content: message.text }),
      outId: message.deliveryId,
    });
    let code: string | undefined;
    let answer: string;
    try {
      const response = await this.client.sendSms(request);
      const body = response.body;
      if (body?.code === 'OK') return { providerMessageId: body.bizId ?? null };
      code = body?.code;
      answer = `Aliyun SendSms answered ${code ?? 'no code'}: ${body?.message ?? ''} (request ${body?.requestId ?? '?'})`;
    } catch (err) {
      throw fromSdkError(err);
    }
    throw fromResultCode(code, answer);
  }
}

/** A `Code` in a (mostly HTTP 200) SendSms answer: nothing was sent. */
function fromResultCode(code: string | undefined, answer: string): PermanentDeliveryError | TransientDeliveryError {
  if (code && INVALID_NUMBER_CODES.has(code)) return new PermanentDeliveryError(PermanentFailureReason.INVALID_NUMBER, answer);
  if (code && REJECTED_CODES.has(code)) return new PermanentDeliveryError(PermanentFailureReason.REJECTED, answer);
  if (code && RATE_LIMIT_CODES.has(code)) return new TransientDeliveryError(TransientFailureReason.RATE_LIMITED, answer);
  // isp.SYSTEM_ERROR, isv.AMOUNT_NOT_ENOUGH (balance), isv.OUT_OF_SERVICE, isv.ACCOUNT_ABNORMAL,
  // isp.RAM_PERMISSION_DENY, unknown codes: the provider or the account needs fixing, the message does not.
  return new TransientDeliveryError(TransientFailureReason.PROVIDER_ERROR, answer);
}

/**
 * What the SDK throws: for HTTP 4xx/5xx answers an AlibabaCloudError (ClientError,
 * ServerError, ThrottlingError) with `code` and `statusCode`; for transport
 * failures the raw Node error (`code` ECONNREFUSED...), or httpx's
 * `RequestTimeoutError` for both connect and read timeouts.
 */
function fromSdkError(err: unknown): PermanentDeliveryError | TransientDeliveryError {
  const error = err as Error & { code?: unknown; statusCode?: unknown };
  const code = typeof error.code === 'string' ? error.code : undefined;
  const statusCode = typeof error.statusCode === 'number' ? error.statusCode : undefined;
  const detail = withoutQueries(String(error.message));
  if (statusCode !== undefined) {
    const answer = `Aliyun SendSms answered HTTP ${statusCode} ${code ?? ''}: ${detail}`;
    // Flow control and the isv.* codes keep their meaning whatever the HTTP status;
    // credentials (SignatureDoesNotMatch, InvalidAccessKeyId.*), 5xx and the rest are fixable.
    return fromResultCode(code, answer);
  }
  if (error.name === 'RequestTimeoutError') {
    return new TransientDeliveryError(TransientFailureReason.TIMEOUT, `Aliyun SendSms timed out: ${detail}`);
  }
  if (code && /^E[A-Z_]+$/.test(code)) {
    return new TransientDeliveryError(TransientFailureReason.CONNECTION, `Aliyun SendSms unreachable (${code}): ${detail}`);
  }
  // Anything else (an unparseable answer, an SDK bug): unknown outcome, treated as retryable.
  return new TransientDeliveryError(TransientFailureReason.PROVIDER_ERROR, `Aliyun SendSms failed: ${detail}`);
}

/**
 * The SDK's HTTP layer appends `POST <url> failed.` to transport errors, and
 * SendSms puts every parameter in the query string: the phone number and the
 * whole text would end up in logs and in the ledger's last_error. Cut queries off.
 */
function withoutQueries(message: string): string {
  return message.replace(/(https?:\/\/[^\s?]*)\?\S*/g, '$1').replace(/(\S)(GET|POST) http/, '$1 $2 http');
}
