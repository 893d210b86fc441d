import { ConfigValidationError, parseConfig } from './config.schema';

const minimalEnv = (): Record<string, string | undefined> => ({
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/qinglian',
  REDIS_URL: 'redis://127.0.0.1:6379/0',
  JWT_SECRET: 'x'.repeat(32),
});

/** Runs parseConfig expecting it to fail and returns the error it threw. */
function configError(env: Record<string, string | undefined>): ConfigValidationError {
  try {
    parseConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigValidationError);
    return error as ConfigValidationError;
  }
  throw new Error('parseConfig accepted an invalid environment');
}

describe('parseConfig', () => {
  it('parses a minimal environment and fills in the defaults', () => {
    const config = parseConfig(minimalEnv());

    expect(config.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/qinglian');
    expect(config.REDIS_URL).toBe('redis://127.0.0.1:6379/0');
    expect(config.JWT_SECRET).toBe('x'.repeat(32));
    expect(config.API_PORT).toBe(3000);
    expect(config.WORKER_HEALTH_PORT).toBe(3001);
    expect(config.NODE_ENV).toBe('development');
    expect(config.LOG_LEVEL).toBe('info');
    expect(config.CORS_ORIGINS).toEqual([]);
    expect(config.SMTP_SECURE).toBe(false);
    expect(config.REDIS_KEY_PREFIX).toBe('ql');
    expect(config.DATABASE_POOL_SIZE).toBe(10);
  });

  it('coerces numbers, splits CORS_ORIGINS and turns SMTP_SECURE into a boolean', () => {
    const config = parseConfig({
      ...minimalEnv(),
      API_PORT: '8080',
      NODE_ENV: 'production',
      CORS_ORIGINS: ' https://a.example.gov.cn , https://b.example.gov.cn,, ',
      SMTP_SECURE: 'true',
    });

    expect(config.API_PORT).toBe(8080);
    expect(config.NODE_ENV).toBe('production');
    expect(config.CORS_ORIGINS).toEqual(['https://a.example.gov.cn', 'https://b.example.gov.cn']);
    expect(config.SMTP_SECURE).toBe(true);
  });

  it.each([
    ['1', true],
    ['yes', true],
    ['0', false],
    ['no', false],
    ['false', false],
  ])('reads SMTP_SECURE=%s as %s', (raw, expected) => {
    expect(parseConfig({ ...minimalEnv(), SMTP_SECURE: raw }).SMTP_SECURE).toBe(expected);
  });

  it('accepts the postgresql: scheme and rediss:', () => {
    const config = parseConfig({
      ...minimalEnv(),
      DATABASE_URL: 'postgresql://u:p@db:5432/q',
      REDIS_URL: 'rediss://cache:6380/1',
    });
    expect(config.DATABASE_URL).toBe('postgresql://u:p@db:5432/q');
    expect(config.REDIS_URL).toBe('rediss://cache:6380/1');
  });

  it('ignores variables that are not part of the schema', () => {
    const config = parseConfig({ ...minimalEnv(), PATH: '/usr/bin', HOME: '/root' }) as Record<string, unknown>;
    expect(config.PATH).toBeUndefined();
    expect(config.HOME).toBeUndefined();
  });

  it('reports a missing DATABASE_URL by name', () => {
    const env = minimalEnv();
    delete env.DATABASE_URL;

    const error = configError(env);

    expect(error.message).toContain('DATABASE_URL');
    expect(error.message).toMatch(/DATABASE_URL is required/);
    expect(error.problems).toEqual([expect.objectContaining({ variable: 'DATABASE_URL' })]);
  });

  it('reports a DATABASE_URL with the wrong scheme and says it must be postgres', () => {
    const error = configError({ ...minimalEnv(), DATABASE_URL: 'mysql://x' });

    expect(error.message).toContain('DATABASE_URL');
    expect(error.message).toContain('postgres');
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0].variable).toBe('DATABASE_URL');
    expect(error.problems[0].message).toMatch(/must be a URL starting with postgres:\/\//);
  });

  it('reports a DATABASE_URL that is not a URL at all', () => {
    const error = configError({ ...minimalEnv(), DATABASE_URL: 'not a url' });
    expect(error.problems.map((p) => p.variable)).toEqual(['DATABASE_URL']);
    expect(error.message).toContain('postgres');
  });

  it('reports a JWT_SECRET shorter than 32 characters', () => {
    const error = configError({ ...minimalEnv(), JWT_SECRET: 'x'.repeat(31) });

    expect(error.message).toContain('JWT_SECRET');
    expect(error.problems).toEqual([{ variable: 'JWT_SECRET', message: 'must be at least 32 characters long' }]);
  });

  it('reports an API_PORT outside 1-65535', () => {
    const error = configError({ ...minimalEnv(), API_PORT: '70000' });

    expect(error.message).toContain('API_PORT');
    expect(error.problems).toEqual([{ variable: 'API_PORT', message: 'must be between 0 (any free port) and 65535' }]);
  });

  it('reports an API_PORT that is not a number', () => {
    const error = configError({ ...minimalEnv(), API_PORT: 'eighty' });
    expect(error.problems.map((p) => p.variable)).toEqual(['API_PORT']);
  });

  it('treats an empty DATABASE_URL as missing', () => {
    const error = configError({ ...minimalEnv(), DATABASE_URL: '' });

    expect(error.problems.map((p) => p.variable)).toEqual(['DATABASE_URL']);
    expect(error.message).toMatch(/DATABASE_URL is required/);
  });

  it('treats a blank (whitespace-only) JWT_SECRET as missing', () => {
    const error = configError({ ...minimalEnv(), JWT_SECRET: '   ' });

    expect(error.problems.map((p) => p.variable)).toEqual(['JWT_SECRET']);
    expect(error.message).toMatch(/JWT_SECRET is required/);
  });

  it('lets an empty optional value fall back to its default', () => {
    const config = parseConfig({ ...minimalEnv(), API_PORT: '', NODE_ENV: '', SMTP_SECURE: '' });

    expect(config.API_PORT).toBe(3000);
    expect(config.NODE_ENV).toBe('development');
    expect(config.SMTP_SECURE).toBe(false);
  });

  it('trims surrounding whitespace from values', () => {
    const config = parseConfig({ ...minimalEnv(), API_PORT: ' 4000 ', NODE_ENV: ' test ' });
    expect(config.API_PORT).toBe(4000);
    expect(config.NODE_ENV).toBe('test');
  });

  it('uses local storage and a 90% completion share by default', () => {
    const config = parseConfig(minimalEnv());

    expect(config.STORAGE_DRIVER).toBe('local');
    expect(config.VIDEO_COMPLETION_SHARE).toBe(0.9);
    expect(config.VIDEO_MAX_CREDITED_RATE).toBe(1.5);
    expect(config.MEDIA_MAX_VIDEO_MB).toBe(2048);
  });

  it('names each S3 setting that STORAGE_DRIVER=s3 needs', () => {
    const error = configError({ ...minimalEnv(), STORAGE_DRIVER: 's3', S3_BUCKET: 'films' });

    expect(error.problems).toEqual([
      { variable: 'S3_ACCESS_KEY_ID', message: 'is required when STORAGE_DRIVER=s3' },
      { variable: 'S3_SECRET_ACCESS_KEY', message: 'is required when STORAGE_DRIVER=s3' },
    ]);
  });

  it('refuses a completion share above 1', () => {
    const error = configError({ ...minimalEnv(), VIDEO_COMPLETION_SHARE: '90' });

    expect(error.problems).toEqual([{ variable: 'VIDEO_COMPLETION_SHARE', message: 'must be a share between 0 and 1 (e.g. 0.9)' }]);
  });

  it('reports every problem at once, on a single line', () => {
    const error = configError({
      DATABASE_URL: 'mysql://x',
      REDIS_URL: '',
      JWT_SECRET: 'short',
      API_PORT: '70000',
    });

    const variables = error.problems.map((p) => p.variable);
    expect(variables).toEqual(expect.arrayContaining(['DATABASE_URL', 'REDIS_URL', 'JWT_SECRET', 'API_PORT']));
    expect(variables).toHaveLength(4);
    for (const variable of variables) expect(error.message).toContain(variable);
    expect(error.message).not.toMatch(/[\r\n]/);
    expect(error.message.startsWith('Invalid configuration: ')).toBe(true);
  });
});

describe('ConfigValidationError', () => {
  it('joins problems as "VARIABLE message" separated by semicolons', () => {
    const sut = new ConfigValidationError([
      { variable: 'A', message: 'is required' },
      { variable: 'B', message: 'must be positive' },
    ]);

    expect(sut).toBeInstanceOf(Error);
    expect(sut.name).toBe('ConfigValidationError');
    expect(sut.message).toBe('Invalid configuration: A is required; B must be positive');
    expect(sut.problems).toHaveLength(2);
  });
});
