import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor, SYSTEM_ACTOR } from '@qinglian/common';
import { CourseEntity, CoursesService, LessonKind } from '@qinglian/courses';
import { UnitEntity, UnitsService, UserEntity, UsersService } from '@qinglian/identity';
import { MediaAssetEntity, MediaKind, MediaService, MediaStatus, MediaStorage } from '@qinglian/media';
import { execFileSync } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DataSource, IsNull } from 'typeorm';
import { DEMO_COURSES } from './demo-courses';
import { DEMO_LETTER, DEMO_QUESTIONS } from './demo-quizzes';
import { IntegrityService, QuestionBankService, QuizEntity, QuizMode, QuestionKind, QuizzesService } from '@qinglian/quizzes';
import { DEMO_PASSWORD, DEMO_UNITS, DEMO_USERS } from './demo-data';
import { CampaignsService, CustomDatesService, DeliveryChannel, FestivalKey, OccasionKind, ReminderCampaignEntity, TriggerKind } from '@qinglian/reminders';

/**
 * Creates the demo organisation. Safe to run again: units and users that
 * already exist (same place in the tree, same phone) are left as they are,
 * including passwords people have changed.
 */
@Injectable()
export class SeedService {
  constructor(
    private readonly units: UnitsService,
    private readonly users: UsersService,
    private readonly courses: CoursesService,
    private readonly media: MediaService,
    private readonly storage: MediaStorage,
    private readonly bank: QuestionBankService,
    private readonly quizzes: QuizzesService,
    private readonly integrity: IntegrityService,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly campaigns: CampaignsService,
    private readonly customDates: CustomDatesService,
  ) {}

  async seedDemo(): Promise<{ unitsCreated: number; usersCreated: number; coursesCreated: number }> {
    const byPath = new Map<string, UnitEntity>();
    let unitsCreated = 0;
    for (const names of DEMO_UNITS) {
      const parent = names.length > 1 ? byPath.get(names.slice(0, -1).join('/'))! : null;
      const name = names[names.length - 1];
      let unit = await this.dataSource.manager.findOneBy(UnitEntity, { name, parentId: parent ? parent.id : IsNull() });
      if (!unit) {
        unit = await this.units.create(SYSTEM_ACTOR, { name, parentId: parent?.id ?? null });
        unitsCreated++;
      }
      byPath.set(names.join('/'), unit);
    }
    let usersCreated = 0;
    for (const demo of DEMO_USERS) {
      if (await this.dataSource.manager.existsBy(UserEntity, { phone: demo.phone })) continue;
      await this.users.create(SYSTEM_ACTOR, {
        name: demo.name,
        phone: demo.phone,
        email: demo.email,
        unitId: byPath.get(demo.unit.join('/'))!.id,
        roles: demo.roles,
        tier: demo.tier ?? null,
        isLeading: demo.isLeading ?? false,
        rank: demo.rank ?? null,
        appointmentDate: demo.appointmentDate ?? null,
        spouseName: demo.spouseName,
        spousePhone: demo.spousePhone,
        initialPassword: DEMO_PASSWORD,
      });
      usersCreated++;
    }
    // demo accounts may sign in with the printed password without being forced to change it
    await this.dataSource.query(`UPDATE users SET must_change_password = false WHERE phone = ANY($1)`, [DEMO_USERS.map((u) => u.phone)]);
    const city = byPath.get('青莲市')!;
    const quizId = await this.seedQuizzes(city);
    const coursesCreated = await this.seedCourses(city, quizId);
    await this.seedReminders(city);
    return { unitsCreated, usersCreated, coursesCreated };
  }

  /**
   * Demo reminders of the city: the Spring Festival and Mid-Autumn campaigns
   * (in-app, e-mail and SMS, spouses included, every year), a yearly party
   * branch activity day, and a campaign answering reported weddings and
   * funerals. Scheduled, so the worker plans them; skipped when present.
   */
  private async seedReminders(city: UnitEntity): Promise<void> {
    if (await this.dataSource.manager.existsBy(ReminderCampaignEntity, { unitId: city.id })) return;
    const admin = await this.cityAdmin(city);
    const text = '{{name}}同志：{{festival}}（{{date}}）将至。请严格遵守中央八项规定精神，不收送礼品礼金，不违规吃喝，过一个风清气正的节日。——{{sender}}';
    const html = '<div style="font-family:sans-serif;border:2px solid #b22222;padding:16px"><h2 style="color:#b22222">{{festival}}廉洁提醒</h2><p>{{name}}同志：</p><p>{{festival}}将至，请严守纪律、廉洁过节，并提醒家属共筑廉洁家风。</p><p style="text-align:right">{{sender}}</p></div>';
    const common = { channels: [DeliveryChannel.IN_APP, DeliveryChannel.EMAIL, DeliveryChannel.SMS], includeSpouses: true, title: '{{festival}}廉洁提醒', bodyText: text, bodyHtml: html, repeatYearly: true };
    for (const [name, festivalKey, daysBefore] of [
      ['春节廉洁提醒', FestivalKey.SPRING_FESTIVAL, 3],
      ['中秋国庆廉洁提醒', FestivalKey.MID_AUTUMN, 2],
    ] as const) {
      const c = await this.campaigns.create(admin, { ...common, name, triggerKind: TriggerKind.FESTIVAL, festivalKey, daysBefore, sendTime: '09:00' });
      await this.campaigns.schedule(admin, c.id);
    }
    const branchDay = await this.customDates.create(admin, { name: '支部主题党日', date: '2026-07-01', yearly: true });
    const day = await this.campaigns.create(admin, {
      name: '主题党日提醒',
      triggerKind: TriggerKind.DATE,
      customDateId: branchDay.id,
      daysBefore: 1,
      sendTime: '16:00',
      repeatYearly: true,
      channels: [DeliveryChannel.IN_APP],
      title: '明日{{festival}}',
      bodyText: '{{name}}同志：明天（{{date}}）是{{festival}}，请准时参加。',
    });
    await this.campaigns.schedule(admin, day.id);
    const occasions = await this.campaigns.create(admin, {
      name: '婚丧喜庆事宜提醒',
      triggerKind: TriggerKind.OCCASION,
      occasionKinds: [OccasionKind.WEDDING, OccasionKind.FUNERAL, OccasionKind.RELATIVE_CELEBRATION],
      occasionOffsetDays: null,
      channels: [DeliveryChannel.IN_APP, DeliveryChannel.SMS],
      includeSpouses: true,
      title: '{{festival}}事宜廉洁提醒',
      bodyText: '{{name}}同志及家属：您报告的{{festival}}事宜请按规定从简办理，严禁借机敛财、大操大办。——{{sender}}',
    });
    await this.campaigns.schedule(admin, occasions.id);
  }

  /** Published demo courses owned by the city, authored by its administrator; a film when ffmpeg is installed. */
  private async cityAdmin(city: UnitEntity): Promise<Actor> {
    const admin = await this.dataSource.manager.findOneByOrFail(UserEntity, { phone: DEMO_USERS[0].phone });
    return { id: admin.id, name: admin.name, roles: admin.roles, unitId: city.id, scopePath: '/' };
  }

  /**
   * A demo question bank, the quiz used by the discipline course, an integrity
   * exam (random draw, pass mark 80, one re-sit) and the commitment letter.
   * Returns the course quiz's id.
   */
  private async seedQuizzes(city: UnitEntity): Promise<string> {
    const actor = await this.cityAdmin(city);
    const existing = await this.dataSource.manager.findOneBy(QuizEntity, { title: '条例随堂测验' });
    if (existing) return existing.id;
    const questions = [];
    for (const q of DEMO_QUESTIONS) questions.push(await this.bank.create(actor, q, city.id));
    const objective = questions.filter((q) => q.kind !== QuestionKind.SHORT_ANSWER);
    const quiz = await this.quizzes.create(actor, { title: '条例随堂测验', mode: QuizMode.FIXED, questionIds: objective.map((q) => q.id), passMark: 60, classHours: 0.5, timeLimitSeconds: 900 });
    await this.quizzes.publish(actor, quiz.id);
    const exam = await this.quizzes.create(actor, {
      title: '任前廉政法规知识考试',
      description: '新任职干部任前廉政考试：随机抽题，80分合格，可补考一次；合格后签署廉政承诺书。',
      mode: QuizMode.DRAW,
      drawRules: [
        { count: 3, kind: QuestionKind.TRUE_FALSE },
        { count: 3, kind: QuestionKind.SINGLE_CHOICE },
      ],
      passMark: 80,
      maxAttempts: 2,
      timeLimitSeconds: 1200,
      integrityExam: true,
    });
    await this.quizzes.publish(actor, exam.id);
    await this.integrity.setLetter(actor, DEMO_LETTER, city.id);
    return quiz.id;
  }

  private async seedCourses(city: UnitEntity, quizId: string): Promise<number> {
    const actor = await this.cityAdmin(city);
    let created = 0;
    for (const demo of DEMO_COURSES) {
      if (await this.dataSource.manager.existsBy(CourseEntity, { title: demo.title })) continue;
      const lessons = [];
      for (const lesson of demo.lessons) {
        if (lesson.kind === LessonKind.QUIZ) {
          lessons.push({ kind: lesson.kind, title: lesson.title, optional: lesson.optional ?? false, quizId });
          continue;
        }
        if (lesson.kind !== LessonKind.VIDEO) {
          lessons.push({ kind: lesson.kind, title: lesson.title, body: lesson.body ?? null, optional: lesson.optional ?? false });
          continue;
        }
        const filmId = await this.demoFilm(actor, lesson.filmSeconds ?? 60);
        if (filmId) lessons.push({ kind: lesson.kind, title: lesson.title, mediaId: filmId });
      }
      const course = await this.courses.create(actor, { title: demo.title, summary: demo.summary, subject: demo.subject, classHours: demo.classHours, requiredTiers: demo.requiredTiers });
      for (const lesson of lessons) await this.courses.addLesson(actor, course.id, lesson);
      await this.courses.publish(actor, course.id);
      created++;
    }
    return created;
  }

  /** A test-pattern film made with ffmpeg and read like an upload; null when ffmpeg is missing. */
  private async demoFilm(actor: Actor, seconds: number): Promise<string | null> {
    const dir = mkdtempSync(path.join(tmpdir(), 'qinglian-demo-'));
    try {
      const file = path.join(dir, 'demo.mp4');
      try {
        execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc=duration=${seconds}:size=640x360:rate=15`, '-f', 'lavfi', '-i', `sine=frequency=440:duration=${seconds}`, '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', '-movflags', '+faststart', file], { stdio: 'ignore' });
      } catch {
        return null;
      }
      const key = `videos/demo/${path.basename(dir)}.mp4`;
      await this.storage.write(key, createReadStream(file), 'video/mp4');
      const asset = await this.dataSource.manager.save(
        this.dataSource.manager.create(MediaAssetEntity, {
          kind: MediaKind.VIDEO,
          status: MediaStatus.PROCESSING,
          failureReason: null,
          storageKey: key,
          contentType: 'video/mp4',
          originalName: '警示教育片（演示）.mp4',
          sizeBytes: statSync(file).size,
          durationSeconds: null,
          durationSource: null,
          posterKey: null,
          unitId: actor.unitId,
          uploadedBy: actor.id,
        }),
      );
      const result = await this.media.processVideo(asset.id);
      return result.status === MediaStatus.READY ? asset.id : null;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
