import type { AppConfigValues } from './config.schema';

/**
 * The validated configuration, injected wherever a setting is needed.
 * Read-only: values are fixed at boot.
 */
export class AppConfig {
  constructor(readonly values: Readonly<AppConfigValues>) {}

  get<K extends keyof AppConfigValues>(key: K): AppConfigValues[K] {
    return this.values[key];
  }

  get isProduction(): boolean {
    return this.values.NODE_ENV === 'production';
  }

  get isTest(): boolean {
    return this.values.NODE_ENV === 'test';
  }
}
