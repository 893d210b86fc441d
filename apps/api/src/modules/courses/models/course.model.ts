import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { CourseAssignmentEntity, CourseStatus, CourseSubject, CourseView, CreditReason, LessonEntity, LessonKind, Requirement, RevisionView } from '@qinglian/courses';
import { CadreTier } from '@qinglian/identity';
import { MediaAssetEntity, MediaKind, MediaStatus } from '@qinglian/media';
import { Connection } from '../../../graphql/connection.model';
import '../../../graphql/enums';

registerEnumType(CourseSubject, {
  name: 'CourseSubject',
  description: 'PARTY_SPIRIT 党性, PARTY_STYLE 党风, PARTY_DISCIPLINE 党纪, LAWS_AND_REGULATIONS 法律法规, IDEALS_AND_BELIEFS 理想信念, PROFESSIONAL_ETHICS 职业道德, FAMILY_VIRTUE 家风, WARNING_CASES 警示案例',
});
registerEnumType(CourseStatus, { name: 'CourseStatus', description: 'DRAFT -> PUBLISHED -> ARCHIVED' });
registerEnumType(LessonKind, { name: 'LessonKind' });
registerEnumType(Requirement, { name: 'Requirement', description: 'Whether a course is required of you (必修) or elective (选修).' });
registerEnumType(MediaKind, { name: 'MediaKind' });
registerEnumType(MediaStatus, { name: 'MediaStatus', description: 'A film is PROCESSING until its duration and poster are read; FAILED carries the reason.' });
registerEnumType(CreditReason, { name: 'CreditReason', description: 'Why a heartbeat earned what it earned.' });

@ObjectType('MediaAsset', { description: 'An uploaded film, PDF or cover image.' })
export class MediaAssetModel {
  @Field(() => ID) id: string;
  @Field(() => MediaKind) kind: MediaKind;
  @Field(() => MediaStatus) status: MediaStatus;
  @Field(() => String, { nullable: true }) failureReason: string | null;
  @Field() contentType: string;
  @Field() originalName: string;
  @Field(() => Float) sizeBytes: number;
  @Field(() => Float, { nullable: true, description: 'Seconds (films).' }) durationSeconds: number | null;
  @Field(() => String, { nullable: true, description: 'PROBE (read from the film) or TRAINER (entered by hand).' }) durationSource: string | null;
  /** Kept for the url fields; not in the schema. */
  posterKey: string | null;

  static from(a: MediaAssetEntity): MediaAssetModel {
    return Object.assign(new MediaAssetModel(), {
      id: a.id,
      kind: a.kind,
      status: a.status,
      failureReason: a.failureReason,
      contentType: a.contentType,
      originalName: a.originalName,
      sizeBytes: a.sizeBytes,
      durationSeconds: a.durationSeconds,
      durationSource: a.durationSource,
      posterKey: a.posterKey,
    });
  }
}

@ObjectType('LessonProgress')
export class LessonProgressModel {
  @Field(() => Date) openedAt: Date;
  @Field(() => Date, { nullable: true }) completedAt: Date | null;
  @Field(() => Float, { description: 'Seconds of the film really watched, each second once.' }) watchedSeconds: number;
  @Field(() => Float, { description: 'Where playback last stopped (resume point).' }) position: number;
  @Field(() => Float, { description: 'The furthest point reached by credited watching; the player does not let the scrubber pass it.' }) furthestPosition: number;
}

@ObjectType('Lesson')
export class LessonModel {
  @Field(() => ID) id: string;
  @Field(() => ID) courseId: string;
  @Field(() => Int) position: number;
  @Field(() => LessonKind) kind: LessonKind;
  @Field() title: string;
  @Field() optional: boolean;
  @Field(() => String, { nullable: true, description: 'ARTICLE: sanitised HTML.' }) body: string | null;
  @Field(() => Int, { nullable: true, description: 'ARTICLE: seconds of reading before it counts.' }) minReadingSeconds: number | null;
  @Field(() => ID, { nullable: true, description: 'VIDEO and DOCUMENT: the uploaded file.' }) mediaId: string | null;
  @Field(() => ID, { nullable: true, description: 'QUIZ: the quiz to pass.' }) quizId: string | null;

  static from(l: LessonEntity): LessonModel {
    return Object.assign(new LessonModel(), {
      id: l.id,
      courseId: l.courseId,
      position: l.position,
      kind: l.kind,
      title: l.title,
      optional: l.optional,
      body: l.body,
      minReadingSeconds: l.minReadingSeconds,
      mediaId: l.mediaId,
      quizId: l.quizId,
    });
  }
}

@ObjectType('CourseProgress', { description: 'Your progress in a course.' })
export class CourseProgressModel {
  @Field(() => Int) requiredLessons: number;
  @Field(() => Int) requiredLessonsDone: number;
  @Field(() => Int) lessonsDone: number;
  @Field(() => Date, { nullable: true }) completedAt: Date | null;
  @Field(() => Float, { nullable: true, description: 'Class hours stored when you completed the course; later revisions do not change them.' })
  classHoursEarned: number | null;
  @Field(() => Int, { nullable: true, description: 'The revision you completed.' }) completedRevision: number | null;
}

@ObjectType('Course')
export class CourseModel {
  @Field(() => ID) id: string;
  @Field() title: string;
  @Field() summary: string;
  @Field(() => CourseSubject) subject: CourseSubject;
  @Field(() => Float, { description: 'Class hours (学时) earned on completion.' }) classHours: number;
  @Field(() => Int, { description: 'The year the course counts towards.' }) year: number;
  @Field(() => CourseStatus) status: CourseStatus;
  @Field(() => Int, { description: '0 while a draft; 1 when published; +1 for each edit after.' }) revision: number;
  @Field(() => [CadreTier]) requiredTiers: CadreTier[];
  @Field(() => [ID]) requiredUnitIds: string[];
  @Field(() => Date, { nullable: true }) publishedAt: Date | null;
  @Field(() => Date) createdAt: Date;
  @Field(() => Requirement, { nullable: true, description: 'For you as a learner: REQUIRED or ELECTIVE (null in the staff catalogue).' })
  requirement: Requirement | null;
  @Field(() => Date, { nullable: true, description: 'When the course was assigned to you by name: the deadline.' }) dueAt: Date | null;
  unitId: string;
  authorId: string | null;
  coverMediaId: string | null;

  static from(view: CourseView): CourseModel {
    const c = view.course;
    return Object.assign(new CourseModel(), {
      id: c.id,
      title: c.title,
      summary: c.summary,
      subject: c.subject,
      classHours: c.classHours,
      year: c.year,
      status: c.status,
      revision: c.revision,
      requiredTiers: c.requiredTiers,
      requiredUnitIds: c.requiredUnitIds,
      publishedAt: c.publishedAt,
      createdAt: c.createdAt,
      requirement: view.requirement,
      dueAt: view.dueAt,
      unitId: c.unitId,
      authorId: c.authorId,
      coverMediaId: c.coverMediaId,
    });
  }
}

export const CourseConnection = Connection(CourseModel, 'CourseConnection');

@ObjectType('CourseRevision')
export class CourseRevisionModel {
  @Field(() => Int) revision: number;
  @Field(() => String, { nullable: true }) note: string | null;
  @Field(() => ID, { nullable: true }) createdBy: string | null;
  @Field(() => Date) createdAt: Date;
  @Field() title: string;
  @Field(() => Float) classHours: number;
  @Field(() => Int) lessonCount: number;

  static from(r: RevisionView): CourseRevisionModel {
    const snapshot = r.snapshot as { title: string; classHours: number; lessons: unknown[] };
    return Object.assign(new CourseRevisionModel(), {
      revision: r.revision,
      note: r.note,
      createdBy: r.createdBy,
      createdAt: r.createdAt,
      title: snapshot.title,
      classHours: snapshot.classHours,
      lessonCount: snapshot.lessons.length,
    });
  }
}

@ObjectType('CourseAssignment', { description: 'A course required of one named cadre (individual admonishment programme).' })
export class CourseAssignmentModel {
  @Field(() => ID) userId: string;
  @Field(() => Date) dueAt: Date;
  @Field(() => String, { nullable: true }) reason: string | null;
  @Field(() => Date) assignedAt: Date;

  static from(a: CourseAssignmentEntity): CourseAssignmentModel {
    return Object.assign(new CourseAssignmentModel(), { userId: a.userId, dueAt: a.dueAt, reason: a.reason, assignedAt: a.createdAt });
  }
}
