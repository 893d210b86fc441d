import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQuery } from 'node:querystring';

/** Where the fake serves the generic HTTP gateway protocol (see HttpSmsSender). */
export const SMS_GATEWAY_PATH = '/sms/send';

/** A message the fake accepted. */
export interface GatewayMessage {
  to: string;
  /** The text as the phone shows it, sign included: `【青莲廉政】...`. For Aliyun: `【SignName】` + TemplateParam.content. */
  text: string;
  /** The caller's reference: `clientRef` (HTTP protocol) or `OutId` (Aliyun). */
  clientRef: string;
  /** The id the fake answered: `messageId` (HTTP protocol) or `BizId` (Aliyun). */
  messageId: string;
  provider: 'http' | 'aliyun';
}

/**
 * What the next request gets instead of normal processing:
 * - `'timeout'`: the message IS accepted, but no answer ever comes (the caller's outcome is unknown);
 * - `'reset'`: the connection is cut without an answer and nothing is accepted;
 * - a status code: an error answer in the protocol's own format (for Aliyun, 429 becomes
 *   HTTP 400 `Throttling.User`, as Alibaba Cloud answers flow control).
 */
export type GatewayFailure = 'timeout' | 'reset' | number;

export interface SmsGatewayOptions {
  /** HTTP protocol: require this `X-Api-Key`. */
  key?: string;
  /** HTTP protocol: require a valid `X-Signature` (HMAC-SHA256 with this secret) and a fresh `X-Timestamp`. */
  secret?: string;
  /** Aliyun: verify the ACS3-HMAC-SHA256 `Authorization` header made with this key pair. */
  aliyunAccessKeyId?: string;
  aliyunAccessKeySecret?: string;
}

export interface SmsGateway {
  readonly port: number;
  /** The HTTP gateway URL, for SMS_GATEWAY_URL. */
  readonly url: string;
  /** `http://127.0.0.1:PORT`, for ALIYUN_SMS_ENDPOINT. */
  readonly aliyunEndpoint: string;
  /** Accepted messages; for the HTTP protocol one per Idempotency-Key. */
  readonly messages: GatewayMessage[];
  /** Every request received, whatever became of it. */
  readonly requests: number;
  /** Requests refused for a wrong key or signature. */
  readonly authFailures: number;
  readonly heldCount: number;
  /** Held requests whose client went away before `resume()`. */
  readonly droppedCount: number;
  failNext(count: number, failure: GatewayFailure): void;
  /**
   * From now on these numbers (replacing any earlier list; `[]` clears it) answer INVALID_NUMBER
   * (`isv.MOBILE_NUMBER_ILLEGAL` for Aliyun). Anything but 1 followed by 10 digits always does.
   */
  invalidNumbers(numbers: Iterable<string>): void;
  /** Aliyun: answer the next `count` SendSms calls with HTTP 200 and this `Code` (e.g. `isv.BUSINESS_LIMIT_CONTROL`). */
  answerAliyunCode(code: string, count?: number): void;
  /** Hold requests (after reading them) until `resume()`. */
  pause(): void;
  /** Process held requests in order; those whose client went away are dropped, not processed. */
  resume(): void;
  waitFor(count: number, timeoutMs?: number): Promise<GatewayMessage[]>;
  waitForHeld(count: number, timeoutMs?: number): Promise<void>;
  /** Resolves once `count` held requests were dropped (a client's hang-up arrives a moment after it gave up). */
  waitForDropped(count: number, timeoutMs?: number): Promise<void>;
  /** Forget messages, idempotency keys, counters and injected failures; stop pausing. */
  reset(): void;
  close(): Promise<void>;
}

interface Call {
  req: IncomingMessage;
  res: ServerResponse;
  body: Buffer;
}

type Answer = (status: number, body: Record<string, unknown>, headers?: Record<string, string>) => void;

const MAX_CLOCK_SKEW_MS = 5 * 60_000;
const MAINLAND_MOBILE = /^1\d{10}$/;

const sha256Hex = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Alibaba Cloud's percent-encoding (RFC 3986: also !'()*). */
function acsEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * Checks an ACS3-HMAC-SHA256 signature the way Alibaba Cloud's gateway does
 * (the algorithm of @alicloud/openapi-core's getAuthorization). Returns an
 * Alibaba Cloud error code, or null when the signature is good.
 */
function verifyAcs3(call: Call, url: URL, accessKeyId: string, accessKeySecret: string): string | null {
  const auth = header(call.req, 'authorization') ?? '';
  const match = /^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([^,]+),Signature=([0-9a-f]+)$/.exec(auth);
  if (!match) return 'IncompleteSignature';
  const [, credential, signedHeaders, signature] = match;
  if (credential !== accessKeyId) return 'InvalidAccessKeyId.NotFound';
  const payloadHash = sha256Hex(call.body);
  if (header(call.req, 'x-acs-content-sha256') !== payloadHash) return 'SignatureDoesNotMatch';

  const query = parseQuery(url.search.slice(1));
  const canonicalQuery = Object.keys(query)
    .sort()
    .map((key) => `${key}=${acsEncode(String(query[key] ?? ''))}`)
    .join('&');
  const names = signedHeaders.split(';');
  const canonicalHeaders = names.map((name) => `${name}:${(header(call.req, name) ?? '').trim()}\n`).join('');
  const canonicalRequest = [call.req.method, url.pathname, canonicalQuery, canonicalHeaders, signedHeaders, payloadHash].join('\n');
  const stringToSign = `ACS3-HMAC-SHA256\n${sha256Hex(canonicalRequest)}`;
  const expected = createHmac('sha256', accessKeySecret).update(stringToSign).digest('hex');
  return sameText(expected, signature) ? null : 'SignatureDoesNotMatch';
}

async function until(condition: () => boolean, timeoutMs: number, describe: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms: ${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * A local SMS provider on 127.0.0.1 speaking two protocols on one port:
 * - the generic HTTP gateway protocol of HttpSmsSender, `POST /sms/send`,
 *   idempotent per `Idempotency-Key` (a repeat answers the first messageId and sends nothing);
 * - Alibaba Cloud's SendSms RPC API as @alicloud/dysmsapi20170525 calls it:
 *   `POST /?PhoneNumbers=...&SignName=...` with the action in `x-acs-action`.
 *   Like the real service it is NOT idempotent: every accepted call is a new message.
 */
export async function startSmsGateway(options: SmsGatewayOptions = {}): Promise<SmsGateway> {
  const messages: GatewayMessage[] = [];
  let byKey = new Map<string, { messageId: string; bodyHash: string }>();
  let failures: GatewayFailure[] = [];
  let aliyunCodes: string[] = [];
  let invalid = new Set<string>();
  let held: Call[] = [];
  const hanging = new Set<ServerResponse>();
  let paused = false;
  let requests = 0;
  let authFailures = 0;
  let dropped = 0;

  const clientGone = (call: Call) => call.req.socket.destroyed || call.res.destroyed;
  const isInvalidNumber = (to: string) => !MAINLAND_MOBILE.test(to) || invalid.has(to);

  function handle(call: Call): void {
    const { req, res } = call;
    const url = new URL(req.url ?? '/', 'http://gateway');
    const aliyun = header(req, 'x-acs-action') !== undefined;
    const failure = failures.shift();
    if (failure === 'reset') {
      req.socket.destroy();
      return;
    }
    const hang = failure === 'timeout';
    const answer: Answer = (status, body, headers = {}) => {
      if (hang) {
        hanging.add(res); // accepted or not, the answer never leaves
        return;
      }
      res.writeHead(status, { 'content-type': 'application/json;charset=utf-8', ...headers });
      res.end(JSON.stringify(body));
    };
    if (typeof failure === 'number') {
      if (aliyun) answerAliyunFailure(failure, answer);
      else answerHttpFailure(failure, answer);
      return;
    }
    if (req.method === 'POST' && url.pathname === SMS_GATEWAY_PATH) return handleHttp(call, answer);
    if (req.method === 'POST' && url.pathname === '/' && aliyun) return handleAliyun(call, url, answer);
    answer(404, { code: 'NOT_FOUND', message: `${req.method} ${url.pathname}` });
  }

  function answerHttpFailure(status: number, answer: Answer): void {
    if (status === 429) return answer(429, { code: 'RATE_LIMITED', message: 'Too many requests' }, { 'retry-after': '1' });
    if (status >= 500) return answer(status, { code: 'INTERNAL', message: 'Gateway error' });
    if (status === 401 || status === 403) return answer(status, { code: 'UNAUTHORIZED', message: 'Credentials refused' });
    answer(status, { code: 'REJECTED', message: `Injected ${status}` });
  }

  function answerAliyunFailure(status: number, answer: Answer): void {
    const requestId = randomUUID().toUpperCase();
    if (status === 429) return answer(400, { Code: 'Throttling.User', Message: 'Request was denied due to user flow control.', RequestId: requestId });
    const codes: Record<number, string> = { 403: 'Forbidden.RAM', 500: 'InternalError', 503: 'ServiceUnavailable' };
    answer(status, { Code: codes[status] ?? `Http${status}`, Message: `Injected ${status}`, RequestId: requestId });
  }

  function handleHttp(call: Call, answer: Answer): void {
    const { req } = call;
    const raw = call.body.toString('utf8');
    if (options.key !== undefined && !sameText(header(req, 'x-api-key') ?? '', options.key)) {
      authFailures += 1;
      return answer(401, { code: 'UNAUTHORIZED', message: 'Unknown X-Api-Key' });
    }
    if (options.secret !== undefined) {
      const timestamp = header(req, 'x-timestamp') ?? '';
      const signature = header(req, 'x-signature') ?? '';
      const expected = createHmac('sha256', options.secret).update(`${timestamp}\n${raw}`).digest('hex');
      const fresh = /^\d+$/.test(timestamp) && Math.abs(Date.now() - Number(timestamp)) <= MAX_CLOCK_SKEW_MS;
      if (!fresh || !sameText(signature, expected)) {
        authFailures += 1;
        return answer(401, { code: 'BAD_SIGNATURE', message: 'X-Signature does not match or X-Timestamp is stale' });
      }
    }
    const key = header(req, 'idempotency-key');
    if (!key) return answer(400, { code: 'REJECTED', message: 'Idempotency-Key header is required' });
    const bodyHash = sha256Hex(raw);
    const previous = byKey.get(key);
    if (previous) {
      if (previous.bodyHash !== bodyHash) return answer(422, { code: 'REJECTED', message: 'Idempotency-Key reused for a different message' });
      return answer(200, { messageId: previous.messageId });
    }
    let body: { to?: unknown; text?: unknown; clientRef?: unknown };
    try {
      body = JSON.parse(raw) as typeof body;
    } catch {
      return answer(400, { code: 'REJECTED', message: 'Body must be JSON' });
    }
    const { to, text, clientRef } = body;
    if (typeof to !== 'string' || typeof text !== 'string' || typeof clientRef !== 'string') {
      return answer(400, { code: 'REJECTED', message: 'to, text and clientRef are required strings' });
    }
    if (isInvalidNumber(to)) return answer(400, { code: 'INVALID_NUMBER', message: `${to} is not a valid mobile number` });
    if (!/^【[^】]+】/.test(text)) return answer(422, { code: 'REJECTED', message: 'text must start with the 【sign】' });
    const messageId = `gw-${randomBytes(8).toString('hex')}`;
    byKey.set(key, { messageId, bodyHash });
    messages.push({ to, text, clientRef, messageId, provider: 'http' });
    answer(201, { messageId });
  }

  function handleAliyun(call: Call, url: URL, answer: Answer): void {
    const requestId = randomUUID().toUpperCase();
    const reply = (Code: string, Message: string, extra: Record<string, string> = {}) => answer(200, { Code, Message, RequestId: requestId, ...extra });
    if (options.aliyunAccessKeyId !== undefined && options.aliyunAccessKeySecret !== undefined) {
      const problem = verifyAcs3(call, url, options.aliyunAccessKeyId, options.aliyunAccessKeySecret);
      if (problem) {
        authFailures += 1;
        const status = problem === 'InvalidAccessKeyId.NotFound' ? 404 : 400;
        return answer(status, { Code: problem, Message: 'Specified signature does not match our calculation.', RequestId: requestId });
      }
    }
    const action = header(call.req, 'x-acs-action');
    if (action !== 'SendSms') return answer(404, { Code: 'InvalidAction.NotFound', Message: `Unknown action ${action}`, RequestId: requestId });
    const injected = aliyunCodes.shift();
    if (injected) return reply(injected, `Injected ${injected}`);

    const param = (name: string) => {
      const value = url.searchParams.get(name);
      return value === null || value === '' ? undefined : value;
    };
    const phoneNumbers = param('PhoneNumbers');
    const signName = param('SignName');
    const templateCode = param('TemplateCode');
    if (!phoneNumbers || !signName || !templateCode) return reply('isv.INVALID_PARAMETERS', 'PhoneNumbers, SignName and TemplateCode are required');
    let content: unknown;
    try {
      content = (JSON.parse(param('TemplateParam') ?? '{}') as { content?: unknown }).content;
    } catch {
      return reply('isv.INVALID_JSON_PARAM', 'TemplateParam is not JSON');
    }
    if (typeof content !== 'string') return reply('isv.TEMPLATE_MISSING_PARAMETERS', 'TemplateParam.content is missing');
    const numbers = phoneNumbers.split(',');
    if (numbers.some(isInvalidNumber)) return reply('isv.MOBILE_NUMBER_ILLEGAL', 'Mobile number is illegal');
    const bizId = `${Date.now()}${randomBytes(3).readUIntBE(0, 3).toString().padStart(8, '0')}^0`;
    for (const to of numbers) {
      messages.push({ to, text: `【${signName}】${content}`, clientRef: param('OutId') ?? '', messageId: bizId, provider: 'aliyun' });
    }
    reply('OK', 'OK', { BizId: bizId });
  }

  const server = createServer((req, res) => {
    requests += 1;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const call: Call = { req, res, body: Buffer.concat(chunks) };
      if (!paused) return handle(call);
      held.push(call);
      // A client that gives up while held never gets an answer: forget its request.
      res.once('close', () => {
        const index = held.indexOf(call);
        if (index >= 0 && !res.writableFinished) {
          held.splice(index, 1);
          dropped += 1;
        }
      });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  return {
    port,
    url: `http://127.0.0.1:${port}${SMS_GATEWAY_PATH}`,
    aliyunEndpoint: `http://127.0.0.1:${port}`,
    messages,
    get requests() {
      return requests;
    },
    get authFailures() {
      return authFailures;
    },
    get heldCount() {
      return held.length;
    },
    get droppedCount() {
      return dropped;
    },
    failNext(count, failure) {
      for (let i = 0; i < count; i += 1) failures.push(failure);
    },
    invalidNumbers(numbers) {
      invalid = new Set(numbers);
    },
    answerAliyunCode(code, count = 1) {
      for (let i = 0; i < count; i += 1) aliyunCodes.push(code);
    },
    pause() {
      paused = true;
    },
    resume() {
      paused = false;
      const waiting = held;
      held = [];
      for (const call of waiting) {
        if (clientGone(call)) dropped += 1;
        else handle(call);
      }
    },
    async waitFor(count, timeoutMs = 5000) {
      await until(() => messages.length >= count, timeoutMs, () => `${messages.length} of ${count} messages accepted`);
      return messages;
    },
    async waitForHeld(count, timeoutMs = 5000) {
      await until(() => held.length >= count, timeoutMs, () => `${held.length} of ${count} requests held`);
    },
    async waitForDropped(count, timeoutMs = 5000) {
      await until(() => dropped >= count, timeoutMs, () => `${dropped} of ${count} held requests dropped`);
    },
    reset() {
      for (const call of held) call.req.socket.destroy();
      held = [];
      messages.length = 0;
      byKey = new Map();
      failures = [];
      aliyunCodes = [];
      invalid = new Set();
      paused = false;
      requests = 0;
      authFailures = 0;
      dropped = 0;
    },
    close() {
      for (const res of hanging) res.socket?.destroy();
      for (const call of held) call.req.socket.destroy();
      held = [];
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
