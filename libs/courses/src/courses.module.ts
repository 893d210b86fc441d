import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@qinglian/audit';
import { ClockModule } from '@qinglian/common';
import { IdentityModule } from '@qinglian/identity';
import { MediaModule } from '@qinglian/media';
import { CourseAssignmentEntity } from './entities/course-assignment.entity';
import { CourseCompletionEntity } from './entities/course-completion.entity';
import { CourseEntity } from './entities/course.entity';
import { LessonEntity } from './entities/lesson.entity';
import { CoursesService } from './services/courses.service';
import { StudyService } from './services/study.service';

@Module({
  imports: [TypeOrmModule.forFeature([CourseEntity, LessonEntity, CourseAssignmentEntity, CourseCompletionEntity]), AuditModule, IdentityModule, MediaModule, ClockModule],
  providers: [CoursesService, StudyService],
  exports: [CoursesService, StudyService, ClockModule, MediaModule],
})
export class CoursesModule {}
