export * from './class-hour-credit.entity';
export * from './credits.service';
export * from './completion.module';
export * from './records/completion.entities';
export * from './records/completion-sql';
export * from './records/completion-records.service';
export * from './records/certificate.pdf';
