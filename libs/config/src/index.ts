export * from './config.schema';
export * from './app-config';
export * from './config.module';
export * from './load-or-exit';
