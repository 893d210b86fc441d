import { simpleParser, type AddressObject } from 'mailparser';
import type { AddressInfo, Socket } from 'node:net';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

/** A message the sink accepted (answered 250 after DATA). */
export interface SinkMessage {
  /** Envelope recipients (RCPT TO), comma-separated; the senders always send to one address. */
  to: string;
  /** The From header as text, e.g. `青莲廉政教育 <no-reply@qinglian.local>`. */
  from: string;
  subject: string;
  text: string;
  html: string | null;
  /** The Message-ID header, angle brackets included: `<id@host>`. */
  messageId: string | null;
  /** The user the client logged in as, null without AUTH. */
  user: string | null;
}

export interface SmtpSinkOptions {
  /** Milliseconds of client silence before the sink hangs up (default 30 s). */
  socketTimeoutMs?: number;
}

export interface SmtpSink {
  readonly host: string;
  readonly port: number;
  /** Accepted messages, in the order their 250 was sent. */
  readonly messages: SinkMessage[];
  /** Messages read while paused whose reply is still held. */
  readonly heldCount: number;
  /** Messages dropped because the client hung up while their reply was held. */
  readonly droppedCount: number;
  /** From now on answer 550 at RCPT TO for these addresses (case-insensitive; replaces any earlier list, `[]` clears it). */
  rejectRecipients(addresses: Iterable<string>): void;
  /** Answer the next `count` messages with `code` after DATA (a temporary failure by default). */
  failNext(count: number, code?: number): void;
  /** Read each message's DATA but hold the final reply until `resume()`. */
  pause(): void;
  /** Send 250 for every held message whose client is still connected; the others are dropped. */
  resume(): void;
  waitFor(count: number, timeoutMs?: number): Promise<SinkMessage[]>;
  /** Resolves once `count` messages are held by `pause()`. */
  waitForHeld(count: number, timeoutMs?: number): Promise<void>;
  /**
   * Resolves once `count` held messages were dropped. A client's hang-up reaches
   * the sink a moment after the client gave up: wait for it before `resume()`.
   */
  waitForDropped(count: number, timeoutMs?: number): Promise<void>;
  /** Forget messages, failures and rejected recipients; answer held messages 451 and stop pausing. */
  reset(): void;
  close(): Promise<void>;
}

interface HeldMessage {
  message: SinkMessage;
  socket: Socket | undefined;
  reply: (err?: Error | null) => void;
}

/** An error smtp-server answers as `<code> <text>`. */
function smtpError(code: number, text: string): Error {
  return Object.assign(new Error(text), { responseCode: code });
}

/** `Name <address>` without the quotes mailparser adds around non-ASCII names. */
function addressText(value: AddressObject | AddressObject[] | undefined): string {
  if (!value) return '';
  return (Array.isArray(value) ? value : [value])
    .flatMap((group) => group.value)
    .map((a) => (a.name ? `${a.name} <${a.address ?? ''}>` : (a.address ?? '')))
    .join(', ');
}

async function until(condition: () => boolean, timeoutMs: number, describe: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms: ${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * A real SMTP server on 127.0.0.1 (free port, no TLS, any or no credentials)
 * that parses what it receives. Failures are injected at the SMTP level, so the
 * client sees exactly what a real relay would answer.
 *
 * `pause()` models a relay that has read a message but not yet committed it: the
 * message counts only if its 250 is eventually sent. A client that gives up in
 * the meantime never got an answer, and the sink forgets the message, as a real
 * server that never accepted it would.
 */
export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const messages: SinkMessage[] = [];
  let held: HeldMessage[] = [];
  let rejected = new Set<string>();
  let failures: number[] = [];
  let paused = false;
  let dropped = 0;

  // The sockets by client port, to tell at resume time whether a held client is still there.
  const sockets = new Map<number, Socket>();
  const socketOf = (session: SMTPServerSession) => sockets.get(session.remotePort);
  const isGone = (socket: Socket | undefined) => !socket || socket.destroyed || socket.readableEnded;

  const server = new SMTPServer({
    logger: false,
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    socketTimeout: options.socketTimeoutMs ?? 30_000,
    closeTimeout: 100,
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username ?? 'anonymous' });
    },
    onRcptTo(address, _session, callback) {
      if (rejected.has(address.address.toLowerCase())) {
        return callback(smtpError(550, `5.1.1 <${address.address}>: Recipient address rejected: mailbox unavailable`));
      }
      callback();
    },
    onData(stream, session, callback) {
      const recipients = session.envelope.rcptTo.map((r) => r.address).join(', ');
      const socket = socketOf(session);
      simpleParser(stream).then(
        (parsed) => {
          const failure = failures.shift();
          if (failure !== undefined) {
            return callback(smtpError(failure, failure < 500 ? 'Temporary failure, try again later' : 'Message rejected'));
          }
          const message: SinkMessage = {
            to: recipients,
            from: addressText(parsed.from),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: parsed.html || null,
            messageId: parsed.messageId ?? null,
            user: typeof session.user === 'string' ? session.user : null,
          };
          if (paused) {
            held.push({ message, socket, reply: callback });
            return;
          }
          messages.push(message);
          callback();
        },
        (err: Error) => callback(smtpError(554, `Message could not be parsed: ${err.message}`)),
      );
    },
  });

  server.server.on('connection', (socket: Socket) => {
    const port = socket.remotePort;
    if (port === undefined) return;
    sockets.set(port, socket);
    socket.once('close', () => {
      if (sockets.get(port) === socket) sockets.delete(port);
      // Drop held messages as soon as their client is gone, so heldCount stays honest.
      const before = held.length;
      held = held.filter((h) => h.socket !== socket);
      dropped += before - held.length;
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.server.address() as AddressInfo).port;

  const release = () => {
    const waiting = held;
    held = [];
    for (const h of waiting) {
      if (isGone(h.socket)) {
        dropped += 1;
        continue;
      }
      messages.push(h.message);
      h.reply();
    }
  };

  return {
    host: '127.0.0.1',
    port,
    messages,
    get heldCount() {
      return held.length;
    },
    get droppedCount() {
      return dropped;
    },
    rejectRecipients(addresses) {
      rejected = new Set([...addresses].map((a) => a.toLowerCase()));
    },
    failNext(count, code = 451) {
      for (let i = 0; i < count; i += 1) failures.push(code);
    },
    pause() {
      paused = true;
    },
    resume() {
      paused = false;
      release();
    },
    async waitFor(count, timeoutMs = 5000) {
      await until(() => messages.length >= count, timeoutMs, () => `${messages.length} of ${count} messages arrived`);
      return messages;
    },
    async waitForHeld(count, timeoutMs = 5000) {
      await until(() => held.length >= count, timeoutMs, () => `${held.length} of ${count} messages held`);
    },
    async waitForDropped(count, timeoutMs = 5000) {
      await until(() => dropped >= count, timeoutMs, () => `${dropped} of ${count} held messages dropped`);
    },
    reset() {
      for (const h of held) if (!isGone(h.socket)) h.reply(smtpError(451, 'Sink was reset, try again later'));
      held = [];
      messages.length = 0;
      rejected = new Set();
      failures = [];
      dropped = 0;
      paused = false;
    },
    close() {
      // Held messages are never answered: the client sees the connection end.
      held = [];
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
