/**
 * Jest on Node 20: NestJS 12 packages are ES modules, which Jest's own module
 * system cannot require; @swc/jest compiles them (and our TypeScript) to
 * CommonJS. Unit specs live beside the code (*.spec.ts); integration and
 * end-to-end suites (*.e2e-spec.ts) talk to the real PostgreSQL and Redis,
 * each file in its own database and Redis key prefix, so files run in parallel.
 */
const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

const libs = ['config', 'database', 'common', 'identity', 'audit', 'queue', 'logging', 'testing', 'notifications', 'tours', 'completion', 'media', 'courses', 'quizzes', 'reminders'];

module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  testRegex: '.*\\.(spec|e2e-spec)\\.ts$',
  roots: ['<rootDir>/apps/', '<rootDir>/libs/', '<rootDir>/test/'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '<rootDir>/apps/web/'],
  transform: { '^.+\\.(t|j|mj)s$': ['@swc/jest', swc] },
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|@apollo|@as-integrations)/)'],
  moduleNameMapper: Object.fromEntries(libs.map((lib) => [`^@qinglian/${lib}$`, `<rootDir>/libs/${lib}/src`])),
  testTimeout: 60000,
  maxWorkers: process.env.JEST_MAX_WORKERS ?? 2,
};
