export * from './jobs';
export * from './queue.module';
export * from './job-queue.service';
