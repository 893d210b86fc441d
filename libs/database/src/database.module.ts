import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@qinglian/config';
import { dataSourceOptions } from './data-source';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        ...dataSourceOptions({ url: config.get('DATABASE_URL'), poolSize: config.get('DATABASE_POOL_SIZE') }),
        autoLoadEntities: true,
        retryAttempts: config.isTest ? 0 : 10,
      }),
    }),
  ],
})
export class DatabaseModule {}
