import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@qinglian/audit';
import { CoursesModule } from '@qinglian/courses';
import { IdentityModule } from '@qinglian/identity';
import { ClassHourCreditEntity } from './class-hour-credit.entity';
import { CreditsService } from './credits.service';
import { CompletionRecordsService } from './records/completion-records.service';
import { CompletionRecordEntity, CompletionRuleEntity, CompletionRunEntity } from './records/completion.entities';

@Module({
  imports: [TypeOrmModule.forFeature([ClassHourCreditEntity, CompletionRuleEntity, CompletionRecordEntity, CompletionRunEntity]), AuditModule, IdentityModule, CoursesModule],
  providers: [CreditsService, CompletionRecordsService],
  exports: [CreditsService, CompletionRecordsService],
})
export class CompletionModule {}
