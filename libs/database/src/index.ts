export * from './data-source';
export * from './database.module';
export * from './migrations';
export * from './numeric.transformer';
