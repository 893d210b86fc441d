import { Global, Logger, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AppConfig, parseConfig } from '@qinglian/config';
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
// The helper's own file: the @qinglian/testing barrel also loads the API and worker apps.
import { startSmsGateway, type SmsGateway } from '../../../../testing/src/sms-gateway';
import {
  MessageSender,
  OutgoingMessage,
  PermanentDeliveryError,
  PermanentFailureReason,
  EMAIL_SENDER,
  SMS_SENDER,
  TransientDeliveryError,
  TransientFailureReason,
} from '../channel';
import { ReminderChannelsModule } from '../channels.module';
import { EmailSender } from '../email/email.sender';
import { AliyunSmsSender, parseAliyunEndpoint } from './aliyun-sms.sender';
import { HttpSmsSender } from './http-sms.sender';
import { LogSmsSender } from './log-sms.sender';

const KEY = 'gateway-key';
const SECRET = randomBytes(16).toString('hex');
const ALIYUN_KEY_ID = 'LTAI-test-key';
const ALIYUN_KEY_SECRET = randomBytes(16).toString('hex');

function configFor(env: Record<string, string>): AppConfig {
  return new AppConfig(
    parseConfig({
      NODE_ENV: 'test',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/unused',
      REDIS_URL: 'redis://127.0.0.1:6379/0',
      JWT_SECRET: randomBytes(24).toString('hex'),
      SMS_SIGN_NAME: '青莲廉政',
      ...env,
    }),
  );
}

function sms(overrides: Partial<OutgoingMessage> = {}): OutgoingMessage {
  return {
    deliveryId: randomUUID(),
    to: '13800000000',
    subject: '廉政提醒',
    text: '张三同志：中秋将至，请严守廉洁纪律，拒收月饼礼金。',
    ...overrides,
  };
}

/** Runs `promise` expecting it to fail and returns what it threw. */
async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the send to fail');
}

function expectTransient(error: unknown, reason: TransientFailureReason): void {
  expect(error).toBeInstanceOf(TransientDeliveryError);
  expect((error as TransientDeliveryError).reason).toBe(reason);
}

function expectPermanent(error: unknown, reason: PermanentFailureReason): void {
  expect(error).toBeInstanceOf(PermanentDeliveryError);
  expect((error as PermanentDeliveryError).reason).toBe(reason);
}

/** A port nobody listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('SMS senders against a real local gateway', () => {
  let gateway: SmsGateway;

  beforeAll(async () => {
    gateway = await startSmsGateway({ key: KEY, secret: SECRET, aliyunAccessKeyId: ALIYUN_KEY_ID, aliyunAccessKeySecret: ALIYUN_KEY_SECRET });
  });

  afterEach(() => gateway.reset());

  afterAll(async () => {
    await gateway.close();
  });

  describe('HttpSmsSender', () => {
    const httpSender = (env: Record<string, string> = {}) =>
      new HttpSmsSender(configFor({ SMS_PROVIDER: 'http', SMS_GATEWAY_URL: gateway.url, SMS_GATEWAY_KEY: KEY, SMS_GATEWAY_SECRET: SECRET, ...env }));

    it('sends the signed text, Chinese intact, and returns the gateway message id', async () => {
      const message = sms();

      const result = await httpSender().send(message);

      expect(gateway.messages).toEqual([
        { to: '13800000000', text: `【青莲廉政】${message.text}`, clientRef: message.deliveryId, messageId: result.providerMessageId, provider: 'http' },
      ]);
      expect(result.providerMessageId).toMatch(/^gw-/);
    });

    it('does not sign twice a text that already starts with the sign', async () => {
      await httpSender().send(sms({ text: '【青莲廉政】请按时完成廉政学习。' }));

      expect(gateway.messages[0].text).toBe('【青莲廉政】请按时完成廉政学习。');
    });

    it('sends a repeated delivery once: the gateway answers the first message id for the same Idempotency-Key', async () => {
      const message = sms();
      const sut = httpSender();

      const first = await sut.send(message);
      const second = await sut.send(message);

      expect(second).toEqual(first);
      expect(gateway.requests).toBe(2);
      expect(gateway.messages).toHaveLength(1);
    });

    it('reports a timeout, and the resend after it (outcome unknown) does not send a second message', async () => {
      gateway.failNext(1, 'timeout'); // the gateway accepts the message but never answers
      const message = sms();
      const sut = httpSender({ SMS_TIMEOUT_MS: '300' });

      const error = await failure(sut.send(message));
      const retry = await sut.send(message);

      expectTransient(error, TransientFailureReason.TIMEOUT);
      expect(gateway.messages).toHaveLength(1);
      expect(retry.providerMessageId).toBe(gateway.messages[0].messageId);
    });

    it('reports a gateway 500 as PROVIDER_ERROR', async () => {
      gateway.failNext(1, 500);

      expectTransient(await failure(httpSender().send(sms())), TransientFailureReason.PROVIDER_ERROR);
      expect(gateway.messages).toHaveLength(0);
    });

    it('reports 429 as RATE_LIMITED', async () => {
      gateway.failNext(1, 429);

      expectTransient(await failure(httpSender().send(sms())), TransientFailureReason.RATE_LIMITED);
    });

    it('reports an invalid number as a permanent INVALID_NUMBER', async () => {
      gateway.invalidNumbers(['13900000000']);

      expectPermanent(await failure(httpSender().send(sms({ to: '13900000000' }))), PermanentFailureReason.INVALID_NUMBER);
      expectPermanent(await failure(httpSender().send(sms({ to: '0138-0000' }))), PermanentFailureReason.INVALID_NUMBER);
      expect(gateway.messages).toHaveLength(0);
    });

    it('is refused by the gateway with a wrong secret, as a retryable PROVIDER_ERROR', async () => {
      const error = await failure(httpSender({ SMS_GATEWAY_SECRET: 'not-the-secret' }).send(sms()));

      expectTransient(error, TransientFailureReason.PROVIDER_ERROR);
      expect((error as Error).message).toContain('401');
      expect(gateway.authFailures).toBe(1);
      expect(gateway.messages).toHaveLength(0);
    });

    it('is refused without key and signature by a gateway that wants them', async () => {
      const sut = new HttpSmsSender(configFor({ SMS_PROVIDER: 'http', SMS_GATEWAY_URL: gateway.url }));

      expectTransient(await failure(sut.send(sms())), TransientFailureReason.PROVIDER_ERROR);
      expect(gateway.authFailures).toBe(1);
    });

    it('reports a refused connection and a cut connection as CONNECTION', async () => {
      const unreachable = httpSender({ SMS_GATEWAY_URL: `http://127.0.0.1:${await closedPort()}/sms/send` });
      expectTransient(await failure(unreachable.send(sms())), TransientFailureReason.CONNECTION);

      gateway.failNext(1, 'reset');
      expectTransient(await failure(httpSender().send(sms())), TransientFailureReason.CONNECTION);
      expect(gateway.messages).toHaveLength(0);
    });

    it('drops a request held by a paused gateway once its client gave up', async () => {
      gateway.pause();

      const error = await failure(httpSender({ SMS_TIMEOUT_MS: '300' }).send(sms()));
      await gateway.waitForDropped(1);
      gateway.resume();

      expectTransient(error, TransientFailureReason.TIMEOUT);
      expect(gateway.droppedCount).toBe(1);
      expect(gateway.messages).toHaveLength(0);
    });

    it('completes a request held by a paused gateway once it resumes', async () => {
      gateway.pause();

      const sending = httpSender().send(sms());
      await gateway.waitForHeld(1);
      expect(gateway.messages).toHaveLength(0);
      gateway.resume();

      const result = await sending;
      expect(gateway.messages.map((m) => m.messageId)).toEqual([result.providerMessageId]);
    });
  });

  describe('AliyunSmsSender', () => {
    const aliyunSender = (env: Record<string, string> = {}) =>
      new AliyunSmsSender(
        configFor({
          SMS_PROVIDER: 'aliyun',
          ALIYUN_SMS_ENDPOINT: gateway.aliyunEndpoint,
          ALIYUN_ACCESS_KEY_ID: ALIYUN_KEY_ID,
          ALIYUN_ACCESS_KEY_SECRET: ALIYUN_KEY_SECRET,
          ALIYUN_SMS_TEMPLATE_CODE: 'SMS_123456789',
          ...env,
        }),
      );

    it('sends through SendSms (signed request) and returns the BizId', async () => {
      const message = sms();

      const result = await aliyunSender().send(message);

      expect(result.providerMessageId).toMatch(/^\d+\^0$/);
      expect(gateway.messages).toEqual([
        { to: '13800000000', text: `【青莲廉政】${message.text}`, clientRef: message.deliveryId, messageId: result.providerMessageId, provider: 'aliyun' },
      ]);
      expect(gateway.authFailures).toBe(0);
    });

    it('reports isv.MOBILE_NUMBER_ILLEGAL as a permanent INVALID_NUMBER', async () => {
      gateway.invalidNumbers(['13900000000']);

      expectPermanent(await failure(aliyunSender().send(sms({ to: '13900000000' }))), PermanentFailureReason.INVALID_NUMBER);
    });

    it('reports a refused template as permanently REJECTED', async () => {
      gateway.answerAliyunCode('isv.SMS_TEMPLATE_ILLEGAL');

      expectPermanent(await failure(aliyunSender().send(sms())), PermanentFailureReason.REJECTED);
    });

    it('reports flow control (Throttling.User, HTTP 400) and isv.BUSINESS_LIMIT_CONTROL (HTTP 200) as RATE_LIMITED', async () => {
      gateway.failNext(1, 429);
      expectTransient(await failure(aliyunSender().send(sms())), TransientFailureReason.RATE_LIMITED);

      gateway.answerAliyunCode('isv.BUSINESS_LIMIT_CONTROL');
      expectTransient(await failure(aliyunSender().send(sms())), TransientFailureReason.RATE_LIMITED);
      expect(gateway.messages).toHaveLength(0);
    });

    it('reports a low balance, 5xx and a wrong secret as retryable PROVIDER_ERROR', async () => {
      gateway.answerAliyunCode('isv.AMOUNT_NOT_ENOUGH');
      expectTransient(await failure(aliyunSender().send(sms())), TransientFailureReason.PROVIDER_ERROR);

      gateway.failNext(1, 503);
      expectTransient(await failure(aliyunSender().send(sms())), TransientFailureReason.PROVIDER_ERROR);

      expectTransient(await failure(aliyunSender({ ALIYUN_ACCESS_KEY_SECRET: 'wrong' }).send(sms())), TransientFailureReason.PROVIDER_ERROR);
      expect(gateway.authFailures).toBe(1);
      expect(gateway.messages).toHaveLength(0);
    });

    it('reports a timeout and a refused connection as transient, without the number or text in the error', async () => {
      gateway.failNext(1, 'timeout');
      const timedOut = await failure(aliyunSender({ SMS_TIMEOUT_MS: '300' }).send(sms()));
      const unreachable = aliyunSender({ ALIYUN_SMS_ENDPOINT: `http://127.0.0.1:${await closedPort()}` });
      const refused = await failure(unreachable.send(sms()));

      expectTransient(timedOut, TransientFailureReason.TIMEOUT);
      expectTransient(refused, TransientFailureReason.CONNECTION);
      // The SDK's own messages carry the request URL, whose query holds every SendSms parameter.
      for (const error of [timedOut, refused]) {
        expect((error as Error).message).not.toMatch(/13800000000|PhoneNumbers|TemplateParam/);
      }
    });

    it('is not idempotent: a resend after a timeout is a second SMS (Alibaba Cloud does not deduplicate)', async () => {
      gateway.failNext(1, 'timeout');
      const message = sms();
      const sut = aliyunSender({ SMS_TIMEOUT_MS: '300' });

      await failure(sut.send(message));
      await sut.send(message);

      expect(gateway.messages.map((m) => m.clientRef)).toEqual([message.deliveryId, message.deliveryId]);
    });

    it('takes the endpoint as a host (HTTPS) or as an http(s) URL with a port', () => {
      expect(parseAliyunEndpoint('dysmsapi.aliyuncs.com')).toEqual({ endpoint: 'dysmsapi.aliyuncs.com', protocol: 'https' });
      expect(parseAliyunEndpoint('http://127.0.0.1:8080')).toEqual({ endpoint: '127.0.0.1:8080', protocol: 'http' });
      expect(parseAliyunEndpoint('https://dysmsapi.aliyuncs.com/')).toEqual({ endpoint: 'dysmsapi.aliyuncs.com', protocol: 'https' });
      expect(() => parseAliyunEndpoint('http://127.0.0.1:8080/sms')).toThrow(/ALIYUN_SMS_ENDPOINT/);
    });
  });

  describe('LogSmsSender', () => {
    it('writes the message to the log and returns a generated id', async () => {
      const lines: unknown[][] = [];
      const sut = new LogSmsSender(configFor({}), { log: (...args: unknown[]) => lines.push(args) });
      const message = sms();

      const result = await sut.send(message);

      expect(result.providerMessageId).toMatch(/^log-/);
      expect(lines).toEqual([[expect.objectContaining({ deliveryId: message.deliveryId, to: '13800000000', text: `【青莲廉政】${message.text}` }), expect.any(String)]]);
    });

    it('warns in production that nothing is sent', () => {
      const values = { ...configFor({}).values, NODE_ENV: 'production' as const };
      const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
      try {
        new LogSmsSender(new AppConfig(values));
        expect(warn).toHaveBeenCalledWith(expect.stringMatching(/written to the log, not sent/));
      } finally {
        warn.mockRestore();
      }
    });
  });

  describe('ReminderChannelsModule', () => {
    async function moduleWith(config: AppConfig) {
      @Global()
      @Module({ providers: [{ provide: AppConfig, useValue: config }], exports: [AppConfig] })
      class TestConfigModule {}
      return Test.createTestingModule({ imports: [TestConfigModule, ReminderChannelsModule] }).compile();
    }

    it.each([
      ['http', HttpSmsSender],
      ['aliyun', AliyunSmsSender],
      ['log', LogSmsSender],
    ] as const)('provides the %s SMS sender under SMS_SENDER', async (provider, type) => {
      const moduleRef = await moduleWith(
        configFor({
          SMS_PROVIDER: provider,
          SMS_GATEWAY_URL: gateway.url,
          ALIYUN_ACCESS_KEY_ID: ALIYUN_KEY_ID,
          ALIYUN_ACCESS_KEY_SECRET: ALIYUN_KEY_SECRET,
          ALIYUN_SMS_TEMPLATE_CODE: 'SMS_123456789',
        }),
      );

      expect(moduleRef.get(SMS_SENDER)).toBeInstanceOf(type);
      await moduleRef.close();
    });

    it('closes the senders when the application shuts down', async () => {
      const moduleRef = await moduleWith(configFor({ SMS_PROVIDER: 'http', SMS_GATEWAY_URL: gateway.url, SMS_GATEWAY_KEY: KEY, SMS_GATEWAY_SECRET: SECRET }));
      const closing = jest.spyOn(moduleRef.get<EmailSender>(EMAIL_SENDER), 'close');

      await moduleRef.get<MessageSender>(SMS_SENDER).send(sms());
      await moduleRef.close();

      expect(closing).toHaveBeenCalledTimes(1);
      expect(gateway.messages).toHaveLength(1);
    });
  });
});
