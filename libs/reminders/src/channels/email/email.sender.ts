import type { AppConfig } from '@qinglian/config';
import { createTransport, type NodemailerError, type SMTPPoolSentMessageInfo, type Transporter } from 'nodemailer';
import {
  MessageSender,
  OutgoingMessage,
  PermanentDeliveryError,
  PermanentFailureReason,
  SendResult,
  TransientDeliveryError,
  TransientFailureReason,
} from '../channel';

/** Reply codes that say "this recipient does not exist" when given at RCPT TO (RFC 5321). */
const UNKNOWN_RECIPIENT_CODES = new Set([550, 551, 553]);

/** Socket-level error codes: the server was not reachable or the connection broke. */
const CONNECTION_CODES = new Set(['ECONNECTION', 'ESOCKET', 'EDNS', 'ETLS', 'EPROXY', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/** The deterministic Message-ID of a delivery: every attempt of one ledger row carries the same one. */
export function emailMessageId(deliveryId: string): string {
  return `<${deliveryId}@qinglian>`;
}

/**
 * Sends reminder e-mails over SMTP through a pool of SMTP_POOL_SIZE connections.
 *
 * SMTP has no idempotency key: if a connection breaks after the message was
 * sent but before the server's 250 arrived, a retry may deliver it twice. The
 * Message-ID is therefore derived from the delivery id, so both copies are
 * recognisably the same message (mail stores that deduplicate by Message-ID keep one).
 */
export class EmailSender implements MessageSender {
  private readonly transport: Transporter<SMTPPoolSentMessageInfo>;
  private readonly from: string;

  constructor(config: AppConfig) {
    const timeoutMs = config.get('SMTP_TIMEOUT_MS');
    const user = config.get('SMTP_USER');
    this.from = config.get('SMTP_FROM');
    this.transport = createTransport({
      pool: true,
      maxConnections: config.get('SMTP_POOL_SIZE'),
      host: config.get('SMTP_HOST'),
      port: config.get('SMTP_PORT'),
      secure: config.get('SMTP_SECURE'),
      auth: user ? { user, pass: config.get('SMTP_PASSWORD') ?? '' } : undefined,
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      dnsTimeout: timeoutMs,
      // Inactivity while waiting for any reply, including the final 250 after DATA.
      socketTimeout: timeoutMs,
      // The pool re-queues a message when its connection closes under it. One
      // re-queue rescues a pooled connection the server had silently dropped;
      // anything beyond that is the job queue's retry policy, not the pool's.
      maxRequeues: 1,
      // Reminder content never references files or URLs to embed; refuse them outright.
      disableFileAccess: true,
      disableUrlAccess: true,
    });
  }

  async send(message: OutgoingMessage): Promise<SendResult> {
    const messageId = emailMessageId(message.deliveryId);
    try {
      await this.transport.sendMail({
        from: this.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.html === undefined ? {} : { html: message.html }),
        messageId,
        // RFC 3834: tells auto-responders (out-of-office) not to answer.
        headers: { 'Auto-Submitted': 'auto-generated' },
      });
    } catch (err) {
      throw toDeliveryError(err as NodemailerError);
    }
    return { providerMessageId: messageId };
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}

/** Maps a nodemailer error to the channel contract: a permanent refusal or a failure worth retrying. */
function toDeliveryError(err: NodemailerError): PermanentDeliveryError | TransientDeliveryError {
  const detail = err.response ?? err.message;
  const code = err.code ?? '';
  // Bad or missing SMTP credentials are fixed by an operator; the messages must survive until then.
  if (code === 'EAUTH' || code === 'ENOAUTH') {
    return new TransientDeliveryError(TransientFailureReason.PROVIDER_ERROR, `SMTP authentication failed: ${detail}`);
  }
  const responseCode = err.responseCode;
  if (responseCode !== undefined) {
    // 5xx is a permanent refusal, except 503 (bad sequence of commands): that is the
    // session's state, not a verdict on the message (nodemailer's isPermanentResponseCode agrees).
    if (responseCode >= 500 && responseCode !== 503) {
      const atRecipient = err.command === 'RCPT TO' || code === 'EENVELOPE';
      const reason = atRecipient && UNKNOWN_RECIPIENT_CODES.has(responseCode) ? PermanentFailureReason.INVALID_ADDRESS : PermanentFailureReason.REJECTED;
      return new PermanentDeliveryError(reason, `SMTP ${responseCode}: ${detail}`);
    }
    return new TransientDeliveryError(TransientFailureReason.PROVIDER_ERROR, `SMTP ${responseCode}: ${detail}`);
  }
  if (code === 'ETIMEDOUT') return new TransientDeliveryError(TransientFailureReason.TIMEOUT, `SMTP timeout: ${err.message}`);
  if (CONNECTION_CODES.has(code) || CONNECTION_CODES.has(err.originalCode ?? '')) {
    return new TransientDeliveryError(TransientFailureReason.CONNECTION, `SMTP connection failed: ${err.message}`);
  }
  // Refused before talking to the server, e.g. an address nodemailer cannot parse.
  if (code === 'EENVELOPE') return new PermanentDeliveryError(PermanentFailureReason.INVALID_ADDRESS, `Invalid recipient: ${err.message}`);
  return new TransientDeliveryError(TransientFailureReason.PROVIDER_ERROR, `SMTP error: ${err.message}`);
}
