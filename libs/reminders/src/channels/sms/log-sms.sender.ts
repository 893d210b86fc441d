import { Logger, type LoggerService } from '@nestjs/common';
import type { AppConfig } from '@qinglian/config';
import { randomUUID } from 'node:crypto';
import type { MessageSender, OutgoingMessage, SendResult } from '../channel';
import { withSmsSign } from './http-sms.sender';

/**
 * Stand-in for an SMS provider (development, demos, a county without an SMS
 * contract yet): writes each message to the log (pino, through Nest's Logger)
 * and reports it as accepted. It sends nothing, so in production it says so
 * loudly when the worker starts.
 */
export class LogSmsSender implements MessageSender {
  private readonly signName: string;

  constructor(
    config: AppConfig,
    private readonly logger: Pick<LoggerService, 'log'> = new Logger(LogSmsSender.name),
  ) {
    if (config.isProduction) {
      new Logger(LogSmsSender.name).warn('SMS_PROVIDER=log in production: SMS reminders are written to the log, not sent (set SMS_PROVIDER=http or aliyun)');
    }
    this.signName = config.get('SMS_SIGN_NAME');
  }

  async send(message: OutgoingMessage): Promise<SendResult> {
    const providerMessageId = `log-${randomUUID()}`;
    this.logger.log(
      { deliveryId: message.deliveryId, to: message.to, text: withSmsSign(this.signName, message.text), providerMessageId },
      'SMS written to the log, not sent (SMS_PROVIDER=log)',
    );
    return { providerMessageId };
  }
}
