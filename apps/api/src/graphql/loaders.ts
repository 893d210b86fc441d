import { Injectable } from '@nestjs/common';
import { UnitEntity, UnitsService, UserEntity, UsersService } from '@qinglian/identity';
import { SignUpView, StudyToursService } from '@qinglian/tours';
import { CourseProgressView, CoursesService, LessonEntity, LessonProgressView, StudyService } from '@qinglian/courses';
import { MediaAssetEntity, MediaService } from '@qinglian/media';
import { AttemptsService, QuizAttemptEntity } from '@qinglian/quizzes';
import { ClassHourCreditEntity, CreditsService } from '@qinglian/completion';
import { CampaignsService, OccasionsService, OccurrenceStats, ReminderOccurrenceEntity } from '@qinglian/reminders';
import DataLoader from 'dataloader';

export interface Loaders {
  unit: DataLoader<string, UnitEntity | null>;
  user: DataLoader<string, UserEntity | null>;
  /** The caller's own sign-up per tour id. */
  mySignUp: DataLoader<string, SignUpView | null>;
  /** Lessons of a course, in order. */
  lessons: DataLoader<string, LessonEntity[]>;
  media: DataLoader<string, MediaAssetEntity | null>;
  /** The caller's progress per course id. */
  myCourseProgress: DataLoader<string, CourseProgressView | null>;
  /** The caller's progress per lesson id. */
  myLessonProgress: DataLoader<string, LessonProgressView | null>;
  /** The caller's attempts per quiz id. */
  myQuizAttempts: DataLoader<string, QuizAttemptEntity[]>;
  /** Class-hour credits of a cadre and year, keyed `userId:year`. */
  credits: DataLoader<string, ClassHourCreditEntity[]>;
  /** Occurrences of a reminder campaign, newest first. */
  campaignOccurrences: DataLoader<string, ReminderOccurrenceEntity[]>;
  /** Delivery statistics per occurrence id. */
  occurrenceStats: DataLoader<string, OccurrenceStats>;
  /** Reminders planned for a reported occasion. */
  occasionReminders: DataLoader<string, ReminderOccurrenceEntity[]>;
}

function groupBy<T>(keys: readonly string[], rows: T[], keyOf: (row: T) => string | null): T[][] {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    if (key === null) continue;
    if (!map.has(key)) map.set(key, []);
    map.get(key)!.push(row);
  }
  return keys.map((k) => map.get(k) ?? []);
}

function byId<T extends { id: string }>(fetch: (ids: readonly string[]) => Promise<T[]>) {
  return new DataLoader<string, T | null>(async (ids) => {
    const rows = await fetch(ids);
    const map = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => map.get(id) ?? null);
  });
}

/** Creates the per-request DataLoaders that batch nested lookups (one query per field per request). */
@Injectable()
export class LoaderFactory {
  constructor(
    private readonly units: UnitsService,
    private readonly users: UsersService,
    private readonly tours: StudyToursService,
    private readonly courses: CoursesService,
    private readonly study: StudyService,
    private readonly mediaAssets: MediaService,
    private readonly attempts: AttemptsService,
    private readonly ledger: CreditsService,
    private readonly campaigns: CampaignsService,
    private readonly occasions: OccasionsService,
  ) {}

  /** `actorId` is read when a batch runs, after the access guard has resolved the caller. */
  create(actorId: () => string | undefined): Loaders {
    return {
      unit: byId((ids) => this.units.findByIds(ids)),
      user: byId((ids) => this.users.findByIds(ids)),
      mySignUp: new DataLoader(async (tourIds) => {
        const id = actorId();
        const found = id ? await this.tours.signUpsOf(id, tourIds) : new Map<string, SignUpView>();
        return tourIds.map((t) => found.get(t) ?? null);
      }),
      lessons: new DataLoader(async (courseIds) => {
        const found = await this.courses.lessonsOf(courseIds);
        return courseIds.map((id) => found.get(id) ?? []);
      }),
      media: byId((ids) => this.mediaAssets.findByIds(ids)),
      myCourseProgress: new DataLoader(async (courseIds) => {
        const id = actorId();
        const found = id ? await this.study.courseProgressOf(id, courseIds) : new Map<string, CourseProgressView>();
        return courseIds.map((c) => found.get(c) ?? null);
      }),
      myLessonProgress: new DataLoader(async (lessonIds) => {
        const id = actorId();
        const found = id ? await this.study.lessonProgressOf(id, lessonIds) : new Map<string, LessonProgressView>();
        return lessonIds.map((l) => found.get(l) ?? null);
      }),
      myQuizAttempts: new DataLoader(async (quizIds) => {
        const id = actorId();
        const found = id ? await this.attempts.attemptsOf(id, quizIds) : new Map<string, QuizAttemptEntity[]>();
        return quizIds.map((q) => found.get(q) ?? []);
      }),
      campaignOccurrences: new DataLoader(async (ids) => groupBy(ids, await this.campaigns.occurrences(ids), (o) => o.campaignId)),
      occurrenceStats: new DataLoader(async (ids) => {
        const found = await this.campaigns.stats(ids);
        return ids.map((id) => found.get(id)!);
      }),
      occasionReminders: new DataLoader(async (ids) => groupBy(ids, await this.occasions.reminders(ids), (o) => o.occasionId)),
      credits: new DataLoader(async (keys) => {
        const found = await this.ledger.creditsOf(keys.map((k) => ({ userId: k.split(':')[0], year: Number(k.split(':')[1]) })));
        return keys.map((k) => found.get(k) ?? []);
      }),
    };
  }
}

export interface GraphQLContext {
  req: import('express').Request & { actor?: import('@qinglian/common').Actor };
  res: import('express').Response;
  loaders: Loaders;
}
