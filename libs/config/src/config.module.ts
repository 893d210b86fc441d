import { DynamicModule, Global, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AppConfig } from './app-config';
import { AppConfigValues, parseConfig } from './config.schema';

export interface QinglianConfigOptions {
  /** Values that win over the environment (tests give each file its own database and Redis prefix). */
  overrides?: Partial<Record<keyof AppConfigValues, string>>;
  /** Read a .env file from the working directory (default: on, except in tests). */
  envFile?: boolean;
}

/**
 * The one place that reads the environment. @nestjs/config loads .env; the zod
 * schema validates it; everything else injects AppConfig.
 */
@Global()
@Module({})
export class QinglianConfigModule {
  static forRoot(options: QinglianConfigOptions = {}): DynamicModule {
    const overrides = options.overrides ?? {};
    let parsed: AppConfigValues | undefined;
    return {
      module: QinglianConfigModule,
      imports: [
        ConfigModule.forRoot({
          ignoreEnvFile: options.envFile === false,
          envFilePath: '.env',
          validate: (raw) => {
            parsed = parseConfig({ ...(raw as Record<string, string>), ...overrides });
            return raw;
          },
        }),
      ],
      providers: [
        {
          provide: AppConfig,
          useFactory: () => new AppConfig(Object.freeze(parsed ?? parseConfig({ ...process.env, ...overrides }))),
        },
      ],
      exports: [AppConfig],
    };
  }
}
