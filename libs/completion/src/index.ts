export * from './class-hour-credit.entity';
export * from './credits.service';
export * from './completion.module';
