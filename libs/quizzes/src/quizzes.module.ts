import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@qinglian/audit';
import { CoursesModule } from '@qinglian/courses';
import { IdentityModule } from '@qinglian/identity';
import { CommitmentLetterEntity, CommitmentSignatureEntity } from './entities/commitment.entity';
import { QuestionEntity } from './entities/question.entity';
import { QuizAttemptEntity } from './entities/quiz-attempt.entity';
import { QuizEntity } from './entities/quiz.entity';
import { AttemptsService } from './services/attempts.service';
import { IntegrityService } from './services/integrity.service';
import { QuestionBankService } from './services/question-bank.service';
import { QuizzesService } from './services/quizzes.service';

@Module({
  imports: [TypeOrmModule.forFeature([QuestionEntity, QuizEntity, QuizAttemptEntity, CommitmentLetterEntity, CommitmentSignatureEntity]), AuditModule, IdentityModule, CoursesModule],
  providers: [QuestionBankService, QuizzesService, AttemptsService, IntegrityService],
  exports: [QuestionBankService, QuizzesService, AttemptsService, IntegrityService],
})
export class QuizzesModule {}
