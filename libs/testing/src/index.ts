export * from './test-infra';
export * from './test-api';
export * from './processes';
export * from './test-worker';
export * from './media-fixtures';
export * from './smtp-sink';
export * from './sms-gateway';
export * from './web';
