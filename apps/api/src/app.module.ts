import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE, DiscoveryModule } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { HealthModule, RedisModule } from '@qinglian/common';
import { AppConfig, QinglianConfigModule, QinglianConfigOptions } from '@qinglian/config';
import { DatabaseModule } from '@qinglian/database';
import { IdentityModule } from '@qinglian/identity';
import { QinglianLoggingModule } from '@qinglian/logging';
import { PinoLogger } from 'nestjs-pino';
import { AccessRulesCheck } from './auth/access-rules.check';
import { AccessGuard } from './auth/access.guard';
import { ApiExceptionFilter } from './graphql/api-exception.filter';
import { graphqlOptions } from './graphql/graphql.options';
import { LoaderFactory } from './graphql/loaders';
import { createValidationPipe } from './graphql/validation.pipe';
import { AuditResolver } from './modules/audit/audit.resolver';
import { AuthResolver } from './modules/auth/auth.resolver';
import { UnitsResolver } from './modules/units/units.resolver';
import { UsersResolver } from './modules/users/users.resolver';
import { NotificationsResolver } from './modules/notifications/notifications.resolver';
import { StudyToursResolver, TourSignUpFieldsResolver } from './modules/tours/study-tours.resolver';
import { ToursModule } from '@qinglian/tours';
import { CompletionModule } from '@qinglian/completion';
import { QueueModule } from '@qinglian/queue';
import { ClassHoursResolver } from './modules/tours/class-hours.resolver';
import { StudyTourExportsController } from './modules/tours/study-tour-exports.controller';
import { CoursesModule } from '@qinglian/courses';
import { QuizzesModule } from '@qinglian/quizzes';
import { QuestionBankResolver } from './modules/quizzes/question-bank.resolver';
import { QuizzesResolver } from './modules/quizzes/quizzes.resolver';
import { AttemptsResolver } from './modules/quizzes/attempts.resolver';
import { IntegrityResolver } from './modules/quizzes/integrity.resolver';
import { CompletionResolver } from './modules/completion/completion.resolver';
import { CompletionFilesController } from './modules/completion/completion-files.controller';
import { CalendarResolver } from './modules/reminders/calendar.resolver';
import { RemindersModule } from '@qinglian/reminders';
import { CampaignsResolver, OccurrenceResolver } from './modules/reminders/campaigns.resolver';
import { OccasionsResolver } from './modules/reminders/occasions.resolver';
import { CoursesResolver, CourseAssignmentFieldsResolver } from './modules/courses/courses.resolver';
import { LessonsResolver, MediaAssetFieldsResolver } from './modules/courses/lessons.resolver';
import { StudyResolver } from './modules/courses/study.resolver';
import { MediaResolver } from './modules/courses/media.resolver';
import { MediaController } from './modules/courses/media.controller';

@Module({
  imports: [IdentityModule, ToursModule, CoursesModule, QuizzesModule, CompletionModule, RemindersModule],
  providers: [LoaderFactory],
  exports: [LoaderFactory, IdentityModule],
})
class LoadersModule {}

@Module({})
export class AppModule {
  /** Tests pass overrides (their own database and Redis prefix); main.ts passes none. */
  static forRoot(config: QinglianConfigOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        QinglianConfigModule.forRoot(config),
        QinglianLoggingModule.forRoot('api'),
        DatabaseModule,
        RedisModule,
        QueueModule.forRoot(),
        HealthModule,
        DiscoveryModule,
        IdentityModule,
        ToursModule,
        CompletionModule,
        CoursesModule,
        QuizzesModule,
        RemindersModule,
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          imports: [LoadersModule],
          inject: [AppConfig, LoaderFactory, PinoLogger],
          useFactory: graphqlOptions,
        }),
      ],
      providers: [
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
        AccessRulesCheck,
        AuthResolver,
        UnitsResolver,
        UsersResolver,
        AuditResolver,
        StudyToursResolver,
        TourSignUpFieldsResolver,
        NotificationsResolver,
        ClassHoursResolver,
        CoursesResolver,
        CourseAssignmentFieldsResolver,
        LessonsResolver,
        StudyResolver,
        MediaResolver,
        MediaAssetFieldsResolver,
        QuestionBankResolver,
        QuizzesResolver,
        AttemptsResolver,
        IntegrityResolver,
        CompletionResolver,
        CalendarResolver,
        CampaignsResolver,
        OccurrenceResolver,
        OccasionsResolver,
      ],
      controllers: [StudyTourExportsController, MediaController, CompletionFilesController],
    };
  }
}
