export * from './notification.entity';
export * from './notifications.service';
export * from './notifications.module';
