/** How a reminder reaches a person. */
export enum DeliveryChannel {
  IN_APP = 'IN_APP',
  EMAIL = 'EMAIL',
  SMS = 'SMS',
}

/** One message to one address over an external channel (e-mail or SMS). */
export interface OutgoingMessage {
  /** The ledger row's id: the idempotency key sent to the provider and the base of the e-mail Message-ID. */
  deliveryId: string;
  /** An e-mail address or an 11-digit mainland mobile number. */
  to: string;
  subject: string;
  text: string;
  /** The HTML e-card (e-mail only). */
  html?: string;
}

export interface SendResult {
  /** The provider's id of the accepted message (SMTP Message-ID, gateway message id, Aliyun BizId). */
  providerMessageId: string | null;
}

/** Why a message can never be sent; retrying will not help. */
export enum PermanentFailureReason {
  INVALID_ADDRESS = 'INVALID_ADDRESS',
  INVALID_NUMBER = 'INVALID_NUMBER',
  REJECTED = 'REJECTED',
  NOT_CONFIGURED = 'NOT_CONFIGURED',
}

/** Why an attempt failed although a later one may succeed. */
export enum TransientFailureReason {
  TIMEOUT = 'TIMEOUT',
  CONNECTION = 'CONNECTION',
  PROVIDER_ERROR = 'PROVIDER_ERROR',
  RATE_LIMITED = 'RATE_LIMITED',
}

export class PermanentDeliveryError extends Error {
  constructor(
    readonly reason: PermanentFailureReason,
    message: string,
  ) {
    super(message);
    this.name = 'PermanentDeliveryError';
  }
}

export class TransientDeliveryError extends Error {
  constructor(
    readonly reason: TransientFailureReason,
    message: string,
  ) {
    super(message);
    this.name = 'TransientDeliveryError';
  }
}

/** An external channel. `send` resolves once the provider has accepted the message, or throws one of the two errors above. */
export interface MessageSender {
  send(message: OutgoingMessage): Promise<SendResult>;
  close?(): Promise<void>;
}

/** Tokens under which the worker finds the e-mail and SMS senders. */
export const EMAIL_SENDER = Symbol('EMAIL_SENDER');
export const SMS_SENDER = Symbol('SMS_SENDER');
