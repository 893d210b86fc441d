import { Module } from '@nestjs/common';
import { RedisModule } from '@qinglian/common';
import { QinglianConfigModule } from '@qinglian/config';
import { DatabaseModule } from '@qinglian/database';
import { IdentityModule } from '@qinglian/identity';
import { QinglianLoggingModule } from '@qinglian/logging';
import { SeedService } from './seed.service';
import { CoursesModule } from '@qinglian/courses';
import { QueueModule } from '@qinglian/queue';
import { QuizzesModule } from '@qinglian/quizzes';
import { RemindersModule } from '@qinglian/reminders';

@Module({
  imports: [QinglianConfigModule.forRoot(), QinglianLoggingModule.forRoot('cli'), DatabaseModule, RedisModule, QueueModule.forRoot(), IdentityModule, CoursesModule, QuizzesModule, RemindersModule],
  providers: [SeedService],
})
export class CliModule {}
