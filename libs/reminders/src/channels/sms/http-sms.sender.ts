import type { AppConfig } from '@qinglian/config';
import { createHmac } from 'node:crypto';
import {
  MessageSender,
  OutgoingMessage,
  PermanentDeliveryError,
  PermanentFailureReason,
  SendResult,
  TransientDeliveryError,
  TransientFailureReason,
} from '../channel';

/**
 * The text as it must reach a mainland phone: carriers require the approved
 * signature in 【】 at the start of every message. Added once, so a composer
 * that already put it there does not get it twice.
 */
export function withSmsSign(signName: string, text: string): string {
  const sign = `【${signName}】`;
  return text.startsWith(sign) ? text : `${sign}${text}`;
}

/** The X-Signature value: hex HMAC-SHA256 over `timestamp + "\n" + body`. */
export function signGatewayRequest(secret: string, timestamp: string, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}\n${body}`).digest('hex');
}

/**
 * Sends SMS through any gateway that speaks this small HTTP protocol.
 *
 * Request: `POST SMS_GATEWAY_URL`
 * ```
 * Content-Type: application/json
 * Idempotency-Key: <deliveryId>
 * X-Api-Key: <SMS_GATEWAY_KEY>             (only when SMS_GATEWAY_KEY is set)
 * X-Timestamp: <unix time in ms>           (only when SMS_GATEWAY_SECRET is set)
 * X-Signature: <hex HMAC-SHA256(SMS_GATEWAY_SECRET, X-Timestamp + "\n" + body)>
 *
 * { "to": "13800000000", "text": "【SMS_SIGN_NAME】text", "clientRef": "<deliveryId>" }
 * ```
 * The signature covers the exact body bytes; the gateway should also refuse a
 * timestamp more than a few minutes away from its clock (replays).
 *
 * Answers:
 * - 200/201 `{ "messageId": "..." }`: accepted; messageId becomes the providerMessageId.
 * - 400/422 `{ "code": "INVALID_NUMBER" | "REJECTED", "message": "..." }`: never deliverable,
 *   not retried (INVALID_NUMBER, anything else REJECTED).
 * - 401/403: credentials refused. Retried: an operator fixes the key, the messages must not be lost.
 * - 429: rate limited, retried later. 5xx and any other status: provider error, retried.
 * - No answer within SMS_TIMEOUT_MS: TIMEOUT; no connection or a broken one: CONNECTION (both retried).
 *
 * Idempotency: the gateway must treat a repeated Idempotency-Key as the same
 * message, answering the first messageId and sending nothing. A request whose
 * answer was lost (timeout, reset) has an unknown outcome; this is what makes
 * sending it again safe.
 */
export class HttpSmsSender implements MessageSender {
  private readonly url: string;
  private readonly key: string | undefined;
  private readonly secret: string | undefined;
  private readonly signName: string;
  private readonly timeoutMs: number;

  constructor(config: AppConfig) {
    const url = config.get('SMS_GATEWAY_URL');
    if (!url) throw new Error('SMS_GATEWAY_URL is required for SMS_PROVIDER=http');
    this.url = url;
    this.key = config.get('SMS_GATEWAY_KEY');
    this.secret = config.get('SMS_GATEWAY_SECRET');
    this.signName = config.get('SMS_SIGN_NAME');
    this.timeoutMs = config.get('SMS_TIMEOUT_MS');
  }

  async send(message: OutgoingMessage): Promise<SendResult> {
    const body = JSON.stringify({ to: message.to, text: withSmsSign(this.signName, message.text), clientRef: message.deliveryId });
    const headers: Record<string, string> = { 'Content-Type': 'application/json', 'Idempotency-Key': message.deliveryId };
    if (this.key) headers['X-Api-Key'] = this.key;
    if (this.secret) {
      const timestamp = String(Date.now());
      headers['X-Timestamp'] = timestamp;
      headers['X-Signature'] = signGatewayRequest(this.secret, timestamp, body);
    }

    let status: number;
    let raw: string;
    try {
      // The timeout covers reading the answer too, not only the headers.
      const response = await fetch(this.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(this.timeoutMs) });
      status = response.status;
      raw = await response.text();
    } catch (err) {
      throw this.networkError(err);
    }
    const answer = parseAnswer(raw);

    if (status >= 200 && status < 300) {
      return { providerMessageId: typeof answer.messageId === 'string' ? answer.messageId : null };
    }
    const said = `SMS gateway answered ${status}${answer.code ? ` ${answer.code}` : ''}${answer.message ? `: ${answer.message}` : ''}`;
    if (status === 400 || status === 422) {
      const reason = answer.code === 'INVALID_NUMBER' ? PermanentFailureReason.INVALID_NUMBER : PermanentFailureReason.REJECTED;
      throw new PermanentDeliveryError(reason, said);
    }
    if (status === 429) throw new TransientDeliveryError(TransientFailureReason.RATE_LIMITED, said);
    // 401/403 (credentials), 5xx and anything unexpected (a 404 is a wrong URL): fixable, so retried.
    throw new TransientDeliveryError(TransientFailureReason.PROVIDER_ERROR, said);
  }

  private networkError(err: unknown): TransientDeliveryError {
    const error = err as Error & { cause?: { code?: string; message?: string } };
    if (error.name === 'TimeoutError' || error.name === 'AbortError') {
      return new TransientDeliveryError(TransientFailureReason.TIMEOUT, `SMS gateway did not answer within ${this.timeoutMs} ms`);
    }
    const cause = error.cause?.code ?? error.cause?.message ?? error.message;
    return new TransientDeliveryError(TransientFailureReason.CONNECTION, `SMS gateway unreachable: ${cause}`);
  }
}

function parseAnswer(raw: string): { messageId?: unknown; code?: string; message?: string } {
  try {
    const value = JSON.parse(raw) as Record<string, unknown> | null;
    if (!value || typeof value !== 'object') return {};
    return {
      messageId: value.messageId,
      code: typeof value.code === 'string' ? value.code : undefined,
      message: typeof value.message === 'string' ? value.message : undefined,
    };
  } catch {
    return {};
  }
}
