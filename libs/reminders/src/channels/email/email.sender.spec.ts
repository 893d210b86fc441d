import { AppConfig, parseConfig } from '@qinglian/config';
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
// The helper's own file: the @qinglian/testing barrel also loads the API and worker apps.
import { startSmtpSink, type SmtpSink } from '../../../../testing/src/smtp-sink';
import { OutgoingMessage, PermanentDeliveryError, PermanentFailureReason, TransientDeliveryError, TransientFailureReason } from '../channel';
import { EmailSender, emailMessageId } from './email.sender';

function configFor(env: Record<string, string>): AppConfig {
  return new AppConfig(
    parseConfig({
      NODE_ENV: 'test',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/unused',
      REDIS_URL: 'redis://127.0.0.1:6379/0',
      JWT_SECRET: randomBytes(24).toString('hex'),
      SMTP_FROM: '青莲廉政教育 <no-reply@qinglian.test>',
      ...env,
    }),
  );
}

function reminder(overrides: Partial<OutgoingMessage> = {}): OutgoingMessage {
  return {
    deliveryId: randomUUID(),
    to: 'cadre@unit.test',
    subject: '【廉政提醒】中秋佳节，清风相伴',
    text: '张三同志：中秋将至，请严守廉洁纪律，拒收月饼礼金。',
    html: '<p>张三同志：</p><p>中秋将至，请<strong>严守廉洁纪律</strong>，拒收月饼礼金。</p>',
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

/** A port nobody listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('EmailSender against a real SMTP server', () => {
  let sink: SmtpSink;
  let sut: EmailSender | undefined;

  const senderFor = (env: Record<string, string> = {}) => {
    sut = new EmailSender(configFor({ SMTP_HOST: sink.host, SMTP_PORT: String(sink.port), SMTP_POOL_SIZE: '2', ...env }));
    return sut;
  };

  beforeAll(async () => {
    sink = await startSmtpSink();
  });

  afterEach(async () => {
    await sut?.close();
    sut = undefined;
    sink.reset();
  });

  afterAll(async () => {
    await sink.close();
  });

  it('delivers a Chinese subject, text and HTML e-card intact, under the deterministic Message-ID', async () => {
    const message = reminder();

    const result = await senderFor().send(message);

    const [received] = await sink.waitFor(1);
    expect(result.providerMessageId).toBe(`<${message.deliveryId}@qinglian>`);
    expect(received).toEqual({
      to: 'cadre@unit.test',
      from: '青莲廉政教育 <no-reply@qinglian.test>',
      subject: message.subject,
      text: expect.any(String),
      html: expect.stringContaining('<strong>严守廉洁纪律</strong>'),
      messageId: `<${message.deliveryId}@qinglian>`,
      user: null,
    });
    expect(received.text.trim()).toBe(message.text);
  });

  it('sends a text-only message when there is no HTML', async () => {
    await senderFor().send(reminder({ html: undefined, text: '请按时完成廉政学习。' }));

    const [received] = await sink.waitFor(1);
    expect(received.text.trim()).toBe('请按时完成廉政学习。');
    expect(received.html).toBeNull();
  });

  it('gives every attempt of one delivery the same Message-ID (SMTP itself has no idempotency)', async () => {
    const message = reminder();
    const sender = senderFor();

    await sender.send(message);
    await sender.send(message);

    const received = await sink.waitFor(2);
    expect(received.map((m) => m.messageId)).toEqual([emailMessageId(message.deliveryId), emailMessageId(message.deliveryId)]);
  });

  it('sends many messages concurrently over the pool', async () => {
    const messages = Array.from({ length: 12 }, (_, i) => reminder({ to: `cadre${i}@unit.test` }));

    const sender = senderFor();
    await Promise.all(messages.map((m) => sender.send(m)));

    await sink.waitFor(12);
    expect(new Set(sink.messages.map((m) => m.messageId))).toEqual(new Set(messages.map((m) => emailMessageId(m.deliveryId))));
  });

  it('reports a recipient the server refuses with 550 as a permanent INVALID_ADDRESS', async () => {
    sink.rejectRecipients(['gone@unit.test']);

    const error = await failure(senderFor().send(reminder({ to: 'gone@unit.test' })));

    expect(error).toBeInstanceOf(PermanentDeliveryError);
    expect((error as PermanentDeliveryError).reason).toBe(PermanentFailureReason.INVALID_ADDRESS);
    expect((error as Error).message).toContain('550');
    expect(sink.messages).toHaveLength(0);
  });

  it('reports a message refused with 554 after DATA as permanently REJECTED', async () => {
    sink.failNext(1, 554);

    const error = await failure(senderFor().send(reminder()));

    expect(error).toBeInstanceOf(PermanentDeliveryError);
    expect((error as PermanentDeliveryError).reason).toBe(PermanentFailureReason.REJECTED);
  });

  it('reports a temporary 451 as transient, and the next attempt goes through', async () => {
    sink.failNext(1, 451);
    const sender = senderFor();
    const message = reminder();

    const error = await failure(sender.send(message));
    await sender.send(message);

    expect(error).toBeInstanceOf(TransientDeliveryError);
    expect((error as TransientDeliveryError).reason).toBe(TransientFailureReason.PROVIDER_ERROR);
    expect(sink.messages.map((m) => m.messageId)).toEqual([emailMessageId(message.deliveryId)]);
  });

  it('reports a refused connection as transient CONNECTION', async () => {
    const error = await failure(senderFor({ SMTP_PORT: String(await closedPort()) }).send(reminder()));

    expect(error).toBeInstanceOf(TransientDeliveryError);
    expect((error as TransientDeliveryError).reason).toBe(TransientFailureReason.CONNECTION);
  });

  it('times out when the final reply never comes; the server then drops the message', async () => {
    sink.pause();

    const error = await failure(senderFor({ SMTP_TIMEOUT_MS: '400' }).send(reminder()));
    await sink.waitForDropped(1);
    sink.resume();

    expect(error).toBeInstanceOf(TransientDeliveryError);
    expect((error as TransientDeliveryError).reason).toBe(TransientFailureReason.TIMEOUT);
    expect(sink.messages).toHaveLength(0);
    expect(sink.droppedCount).toBe(1);
  });

  it('completes a send held by a paused server once it resumes', async () => {
    sink.pause();
    const message = reminder();

    const sending = senderFor().send(message);
    await sink.waitForHeld(1);
    expect(sink.messages).toHaveLength(0);
    sink.resume();

    await expect(sending).resolves.toEqual({ providerMessageId: emailMessageId(message.deliveryId) });
    expect(sink.messages.map((m) => m.messageId)).toEqual([emailMessageId(message.deliveryId)]);
  });

  it('logs in when SMTP_USER is set', async () => {
    await senderFor({ SMTP_USER: 'reminders', SMTP_PASSWORD: 'not-a-secret' }).send(reminder());

    const [received] = await sink.waitFor(1);
    expect(received.user).toBe('reminders');
  });
});
