import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '@qinglian/config';
import { JobQueue } from './job-queue.service';
import { DEFAULT_JOB_OPTIONS, QueueName } from './jobs';

/** BullMQ on the configured Redis, keys under `<REDIS_KEY_PREFIX>:bull`. Registers every queue. */
@Module({})
export class QueueModule {
  static forRoot(): DynamicModule {
    const queues = Object.values(QueueName).map((name) => ({ name, defaultJobOptions: DEFAULT_JOB_OPTIONS }));
    return {
      module: QueueModule,
      global: true,
      imports: [
        BullModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({
            connection: { url: config.get('REDIS_URL'), maxRetriesPerRequest: null, connectionName: 'qinglian-bullmq' },
            prefix: `${config.get('REDIS_KEY_PREFIX')}:bull`,
          }),
        }),
        BullModule.registerQueue(...queues),
      ],
      providers: [JobQueue],
      exports: [BullModule, JobQueue],
    };
  }
}
