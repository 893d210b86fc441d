import { ConfigValidationError, parseConfig } from './config.schema';

/**
 * Called first thing by every entry point: an invalid environment stops the
 * process with one line naming each bad variable, before anything else boots.
 * Reads .env the same way @nestjs/config does (without overriding real variables).
 */
export function assertConfigOrExit(processName: string): void {
  try {
    loadDotEnvIfPresent();
    parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigValidationError) {
      process.stderr.write(`${processName}: ${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}

function loadDotEnvIfPresent(): void {
  try {
    process.loadEnvFile('.env');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
