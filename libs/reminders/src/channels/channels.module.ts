import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@qinglian/config';
import { EMAIL_SENDER, type MessageSender, SMS_SENDER } from './channel';
import { EmailSender } from './email/email.sender';
import { AliyunSmsSender } from './sms/aliyun-sms.sender';
import { HttpSmsSender } from './sms/http-sms.sender';
import { LogSmsSender } from './sms/log-sms.sender';

/** The SMS sender SMS_PROVIDER names (config has already checked that its settings are present). */
export function createSmsSender(config: AppConfig): MessageSender {
  switch (config.get('SMS_PROVIDER')) {
    case 'http':
      return new HttpSmsSender(config);
    case 'aliyun':
      return new AliyunSmsSender(config);
    case 'log':
      return new LogSmsSender(config);
  }
}

/**
 * The external channels under the tokens the delivery service injects:
 * EMAIL_SENDER (SMTP pool) and SMS_SENDER (per SMS_PROVIDER). AppConfig comes
 * from the global QinglianConfigModule.
 */
@Module({
  providers: [
    { provide: EMAIL_SENDER, inject: [AppConfig], useFactory: (config: AppConfig): MessageSender => new EmailSender(config) },
    { provide: SMS_SENDER, inject: [AppConfig], useFactory: createSmsSender },
  ],
  exports: [EMAIL_SENDER, SMS_SENDER],
})
export class ReminderChannelsModule implements OnApplicationShutdown {
  constructor(
    @Inject(EMAIL_SENDER) private readonly email: MessageSender,
    @Inject(SMS_SENDER) private readonly sms: MessageSender,
  ) {}

  /** Runs after beforeApplicationShutdown, when the worker has stopped taking jobs: nothing is in flight. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([this.email.close?.(), this.sms.close?.()]);
  }
}
