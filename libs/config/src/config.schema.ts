import { z } from 'zod';

const port = (fallback: number) =>
  z.coerce
    .number({ message: 'must be a port number' })
    .int('must be a whole number')
    .min(0, 'must be between 0 (any free port) and 65535')
    .max(65535, 'must be between 0 (any free port) and 65535')
    .default(fallback);

const positiveInt = (fallback: number) =>
  z.coerce.number({ message: 'must be a number' }).int('must be a whole number').positive('must be positive').default(fallback);

const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
    .default(fallback ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1' || v === 'yes');

const urlWithScheme = (schemes: string[], example: string) =>
  z
    .string({ message: `is required (e.g. ${example})` })
    .min(1, `is required (e.g. ${example})`)
    .refine((v) => {
      try {
        return schemes.includes(new URL(v).protocol);
      } catch {
        return false;
      }
    }, `must be a URL starting with ${schemes.map((s) => `${s}//`).join(' or ')} (e.g. ${example})`);

/**
 * Every environment variable Qinglian reads. Nothing else in the code base reads
 * process.env: services receive the parsed, typed result through AppConfig.
 */
export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production'], { message: 'must be development, test or production' }).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { message: 'must be a pino level (info, debug, ...)' }).default('info'),

  API_HOST: z.string().min(1).default('0.0.0.0'),
  API_PORT: port(3000),
  WORKER_HEALTH_PORT: port(3001),
  PUBLIC_URL: z.string().url('must be a URL such as http://localhost:3000').optional(),
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean)),

  DATABASE_URL: urlWithScheme(['postgres:', 'postgresql:'], 'postgres://postgres@127.0.0.1:5432/qinglian'),
  DATABASE_POOL_SIZE: positiveInt(10),
  REDIS_URL: urlWithScheme(['redis:', 'rediss:'], 'redis://127.0.0.1:6379/0'),
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[a-zA-Z0-9_-]{1,40}$/, 'must be 1-40 letters, digits, "-" or "_"')
    .default('ql'),

  JWT_SECRET: z
    .string({ message: 'is required (a random string of at least 32 characters)' })
    .min(32, 'must be at least 32 characters long'),
  JWT_ACCESS_TTL_SECONDS: positiveInt(900),
  REFRESH_TOKEN_TTL_DAYS: positiveInt(30),

  LOGIN_MAX_FAILURES_PER_ACCOUNT: positiveInt(5),
  LOGIN_MAX_FAILURES_PER_IP: positiveInt(50),
  LOGIN_BLOCK_SECONDS: positiveInt(900),

  GRAPHQL_MAX_DEPTH: positiveInt(10),
  GRAPHQL_MAX_COST: positiveInt(5000),
  GRAPHQL_MAX_ALIASES: positiveInt(15),
  GRAPHQL_BODY_LIMIT: z.string().regex(/^\d+(kb|mb)$/i, 'must look like 500kb or 5mb').default('10mb'),

  SMTP_HOST: z.string().min(1).default('127.0.0.1'),
  SMTP_PORT: port(1025),
  SMTP_SECURE: bool(false),
  SMTP_USER: z.string().optional(),
  SMTP_PASSWORD: z.string().optional(),
  SMTP_FROM: z.string().min(3).default('青莲廉政教育 <no-reply@qinglian.local>'),

  SMTP_POOL_SIZE: positiveInt(4),
  SMTP_TIMEOUT_MS: positiveInt(15000),

  SMS_PROVIDER: z.enum(['log', 'http', 'aliyun'], { message: 'must be log (messages only written to the worker log), http or aliyun' }).default('log'),
  SMS_GATEWAY_URL: z.string().url('must be a URL such as https://sms.example.com/send').optional(),
  SMS_GATEWAY_KEY: z.string().min(1).optional(),
  SMS_GATEWAY_SECRET: z.string().min(1).optional(),
  SMS_SIGN_NAME: z.string().min(1).max(20).default('青莲廉政'),
  SMS_TIMEOUT_MS: positiveInt(5000),
  ALIYUN_SMS_ENDPOINT: z.string().min(1).default('dysmsapi.aliyuncs.com'),
  ALIYUN_ACCESS_KEY_ID: z.string().min(1).optional(),
  ALIYUN_ACCESS_KEY_SECRET: z.string().min(1).optional(),
  ALIYUN_SMS_TEMPLATE_CODE: z.string().min(1).optional(),

  REMINDER_QUIET_HOURS: z
    .string()
    .regex(/^(none|([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d)$/, 'must look like 22:00-08:00 (Asia/Shanghai time) or be none')
    .default('22:00-08:00'),
  EMAIL_RATE_PER_SECOND: positiveInt(50),
  SMS_RATE_PER_SECOND: positiveInt(20),
  REMINDER_SEND_CONCURRENCY: positiveInt(8),
  REMINDER_CLAIM_LEASE_SECONDS: positiveInt(120),
  REMINDER_JOB_LOCK_MS: positiveInt(30000),

  /** The built web app (vite build) served at `/` by the API; not served when the folder has no index.html. */
  WEB_DIST_PATH: z.string().min(1).default('./apps/web/dist'),

  STORAGE_DRIVER: z.enum(['local', 's3'], { message: 'must be local or s3' }).default('local'),
  STORAGE_PATH: z.string().min(1).default('./.data/storage'),
  S3_ENDPOINT: z.string().url('must be a URL such as https://s3.example.com').optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name (3-63 lower-case letters, digits, "." or "-")').optional(),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_FORCE_PATH_STYLE: bool(true),
  MEDIA_MAX_VIDEO_MB: positiveInt(2048),
  MEDIA_MAX_DOCUMENT_MB: positiveInt(50),
  MEDIA_MAX_IMAGE_MB: positiveInt(5),
  MEDIA_URL_TTL_SECONDS: positiveInt(900),
  FFPROBE_PATH: z.string().min(1).default('ffprobe'),
  FFMPEG_PATH: z.string().min(1).default('ffmpeg'),

  VIDEO_COMPLETION_SHARE: z.coerce
    .number({ message: 'must be a number' })
    .gt(0, 'must be a share between 0 and 1 (e.g. 0.9)')
    .max(1, 'must be a share between 0 and 1 (e.g. 0.9)')
    .default(0.9),
  VIDEO_MAX_CREDITED_RATE: z.coerce.number({ message: 'must be a number' }).min(1, 'must be at least 1').max(4, 'must be at most 4').default(1.5),
  HEARTBEAT_MAX_GAP_SECONDS: positiveInt(30),

  SHUTDOWN_TIMEOUT_MS: positiveInt(30000),
});

export type AppConfigValues = z.infer<typeof configSchema>;

/** Rules that need more than one variable. */
const withCrossChecks = configSchema.superRefine((c, ctx) => {
  if (c.SMS_PROVIDER === 'http') {
    if (!c.SMS_GATEWAY_URL) ctx.addIssue({ code: 'custom', path: ['SMS_GATEWAY_URL'], message: 'is required when SMS_PROVIDER=http' });
  }
  if (c.SMS_PROVIDER === 'aliyun') {
    for (const key of ['ALIYUN_ACCESS_KEY_ID', 'ALIYUN_ACCESS_KEY_SECRET', 'ALIYUN_SMS_TEMPLATE_CODE'] as const) {
      if (!c[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'is required when SMS_PROVIDER=aliyun' });
    }
  }
  if (c.STORAGE_DRIVER === 's3') {
    for (const key of ['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const) {
      if (!c[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'is required when STORAGE_DRIVER=s3' });
    }
  }
});

export class ConfigValidationError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(`Invalid configuration: ${problems.map((p) => `${p.variable} ${p.message}`).join('; ')}`);
    this.name = 'ConfigValidationError';
  }
}

/**
 * Parses raw environment values. Empty strings count as missing so that a
 * `KEY=` line in .env falls back to the default or is reported as required.
 */
export function parseConfig(env: Record<string, string | undefined>): AppConfigValues {
  const cleaned: Record<string, string> = {};
  for (const key of Object.keys(configSchema.shape)) {
    const value = env[key];
    if (value !== undefined && value.trim() !== '') cleaned[key] = value.trim();
  }
  const result = withCrossChecks.safeParse(cleaned);
  if (!result.success) {
    throw new ConfigValidationError(
      result.error.issues.map((issue) => ({
        variable: String(issue.path[0] ?? 'configuration'),
        message: issue.message,
      })),
    );
  }
  return result.data;
}
