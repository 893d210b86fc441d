export * from './audit-log.entity';
export * from './audit.service';
export * from './audit.module';
