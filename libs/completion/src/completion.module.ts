import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClassHourCreditEntity } from './class-hour-credit.entity';
import { CreditsService } from './credits.service';

@Module({
  imports: [TypeOrmModule.forFeature([ClassHourCreditEntity])],
  providers: [CreditsService],
  exports: [CreditsService],
})
export class CompletionModule {}
