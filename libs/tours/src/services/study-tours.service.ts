import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@qinglian/audit';
import {
  Actor,
  BadUserInputException,
  ConflictException,
  decodeCursor,
  FieldProblem,
  ForbiddenException,
  hasRole,
  inScope,
  NotFoundException,
  Page,
  PageRequest,
  pageSize,
  toPage,
} from '@qinglian/common';
import { CadreTier, Role, UnitEntity, UnitsService, UserEntity } from '@qinglian/identity';
import { AppConfig } from '@qinglian/config';
import { NewNotification, NotificationsService } from '@qinglian/notifications';
import { JobName, JobQueue } from '@qinglian/queue';
import { stringify } from 'csv-stringify/sync';
import { checkInCode, matchesCheckInCode } from './check-in-code';
import { DataSource, EntityManager, In } from 'typeorm';
import { StudyTourEntity } from '../entities/study-tour.entity';
import { TourSignUpEntity } from '../entities/tour-signup.entity';
import { ACTIVE_SIGNUP_STATUSES, SignUpStatus, TourKind, TourRefusal, TourStatus } from '../tour.enums';

export interface TourData {
  title: string;
  kind: TourKind;
  destination: string;
  meetingPoint?: string | null;
  startsAt: Date;
  endsAt: Date;
  capacity: number;
  signUpOpensAt: Date;
  signUpClosesAt: Date;
  cancelCutoffAt: Date;
  eligibleTiers?: CadreTier[];
  eligibleUnitIds?: string[];
  leadingOnly?: boolean;
  classHours?: number;
  approvalRequired?: boolean;
  /** The organising unit; defaults to the actor's own unit. */
  unitId?: string | null;
}

export interface SignUpView {
  signUp: TourSignUpEntity;
  /** 1-based place in the waitlist, for WAITLISTED sign-ups. */
  waitlistPosition: number | null;
}

/**
 * Study tours and their seats. Every change to a tour's seats starts by
 * locking that tour's row (SELECT ... FOR UPDATE), so sign-ups, cancellations,
 * removals and capacity changes of one tour are serialised by PostgreSQL while
 * other tours proceed in parallel; a CHECK constraint (confirmed <= capacity)
 * and a deferred trigger (counter = confirmed rows) hold the invariant.
 */
@Injectable()
export class StudyToursService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly jobs: JobQueue,
    private readonly config: AppConfig,
    private readonly units: UnitsService,
  ) {}

  // --- tours -----------------------------------------------------------------

  async create(actor: Actor, data: TourData): Promise<StudyTourEntity> {
    validateTour(data);
    return this.dataSource.transaction(async (m) => {
      const unit = await this.units.requireInScope(actor, data.unitId ?? actor.unitId, m, 'unitId');
      if (data.eligibleUnitIds?.length) await this.assertUnitsExist(m, data.eligibleUnitIds);
      const tour = m.create(StudyTourEntity, {
        ...tourColumns(data),
        unitId: unit.id,
        createdBy: actor.id,
        status: TourStatus.DRAFT,
        confirmedCount: 0,
      });
      await m.save(StudyTourEntity, tour);
      await this.audit.record(m, actor, [{ action: 'tour.create', entityType: 'StudyTour', entityId: tour.id, scopePath: unit.path, after: { title: tour.title, capacity: tour.capacity } }]);
      return tour;
    });
  }

  /**
   * Edits a draft tour (every field but the organising unit). Once a tour is
   * open its seats change through setCapacity only, so nobody signed up finds
   * the dates or the rules changed under them.
   */
  async update(actor: Actor, tourId: string, changes: Partial<TourData>): Promise<StudyTourEntity> {
    return this.dataSource.transaction(async (m) => {
      const { tour, scopePath } = await this.lockManaged(m, actor, tourId);
      if (tour.status !== TourStatus.DRAFT) {
        throw new ConflictException(`Only a draft tour can be edited; this one is ${tour.status.toLowerCase()} (change its seats with setStudyTourCapacity)`);
      }
      if (changes.unitId && changes.unitId !== tour.unitId) throw BadUserInputException.field('unitId', 'cannot change: create the tour in the other unit instead');
      const defined = Object.fromEntries(Object.entries(changes).filter(([k, v]) => v !== undefined && k !== 'unitId')) as Partial<TourData>;
      const next: TourData = { ...tour, ...defined, eligibleTiers: (defined.eligibleTiers ?? tour.eligibleTiers) as CadreTier[] };
      validateTour(next);
      if (defined.eligibleUnitIds?.length) await this.assertUnitsExist(m, defined.eligibleUnitIds);
      const values = tourColumns(next);
      await m.update(StudyTourEntity, { id: tour.id }, values);
      await this.audit.record(m, actor, [
        { action: 'tour.update', entityType: 'StudyTour', entityId: tour.id, scopePath, before: { title: tour.title, capacity: tour.capacity, startsAt: tour.startsAt }, after: { title: values.title, capacity: values.capacity, startsAt: values.startsAt } },
      ]);
      return { ...tour, ...values };
    });
  }

  /** Opens a draft for sign-up. */
  async open(actor: Actor, tourId: string): Promise<StudyTourEntity> {
    return this.transition(actor, tourId, [TourStatus.DRAFT, TourStatus.CLOSED], TourStatus.OPEN, 'tour.open');
  }

  /** Stops further sign-ups; seats and the waitlist stay as they are. */
  async close(actor: Actor, tourId: string): Promise<StudyTourEntity> {
    return this.transition(actor, tourId, [TourStatus.OPEN], TourStatus.CLOSED, 'tour.close');
  }

  /** Cancels the whole tour: every active sign-up ends and its cadre is told. */
  async cancel(actor: Actor, tourId: string, reason: string): Promise<StudyTourEntity> {
    return this.dataSource.transaction(async (m) => {
      const { tour, scopePath } = await this.lockManaged(m, actor, tourId);
      if (tour.status === TourStatus.CANCELLED || tour.status === TourStatus.DONE) {
        throw new ConflictException(`The tour is already ${tour.status.toLowerCase()}`);
      }
      const affected: { user_id: string }[] = await m.query(
        `UPDATE tour_signups SET status = 'CANCELLED', updated_at = now()
          WHERE tour_id = $1 AND status = ANY($2) RETURNING user_id`,
        [tour.id, ACTIVE_SIGNUP_STATUSES],
      ).then(([rows]: [{ user_id: string }[]]) => rows);
      await m.update(StudyTourEntity, { id: tour.id }, { status: TourStatus.CANCELLED, confirmedCount: 0 });
      await this.notifications.send(
        m,
        affected.map((r) => ({
          userId: r.user_id,
          kind: 'TOUR_CANCELLED',
          title: `学习考察已取消：${tour.title}`,
          body: `原定于 ${formatDate(tour.startsAt)} 的“${tour.title}”已取消。原因：${reason.trim() || '未说明'}`,
          data: { tourId: tour.id },
        })),
      );
      await this.audit.record(m, actor, [{ action: 'tour.cancel', entityType: 'StudyTour', entityId: tour.id, scopePath, before: { status: tour.status }, after: { status: TourStatus.CANCELLED, reason, notified: affected.length } }]);
      return { ...tour, status: TourStatus.CANCELLED, confirmedCount: 0 };
    });
  }

  /**
   * Changes the number of seats. Raising it promotes as many waitlisted cadres
   * as there are new seats, in arrival order; lowering it below the number of
   * confirmed cadres is refused.
   */
  async setCapacity(actor: Actor, tourId: string, capacity: number): Promise<StudyTourEntity> {
    if (!Number.isInteger(capacity) || capacity < 1) throw BadUserInputException.field('capacity', 'must be a whole number of at least 1');
    return this.dataSource.transaction(async (m) => {
      const { tour, scopePath } = await this.lockManaged(m, actor, tourId);
      if (capacity < tour.confirmedCount) {
        throw new ConflictException(`capacity: ${tour.confirmedCount} cadres are confirmed; remove some before lowering the capacity to ${capacity}`, { field: 'capacity' });
      }
      await m.update(StudyTourEntity, { id: tour.id }, { capacity });
      tour.capacity = capacity;
      await this.fillFreeSeats(m, tour);
      await this.audit.record(m, actor, [{ action: 'tour.capacity', entityType: 'StudyTour', entityId: tour.id, scopePath, after: { capacity } }]);
      return tour;
    });
  }

  async get(actor: Actor, tourId: string): Promise<StudyTourEntity> {
    const tour = await this.dataSource.manager.findOneBy(StudyTourEntity, { id: tourId });
    if (!tour) throw new NotFoundException('StudyTour', tourId);
    if (hasRole(actor, Role.ADMIN, Role.TRAINER) && (await this.organiserPath(actor, tour))) return tour;
    if (tour.status === TourStatus.DRAFT) throw new NotFoundException('StudyTour', tourId);
    await this.assertEligible(actor.id, tour);
    return tour;
  }

  /** Staff see the tours organised in their subtree; cadres see the published tours they may join. */
  async list(actor: Actor, filter: { status?: TourStatus | null }, page: PageRequest): Promise<Page<StudyTourEntity>> {
    const size = pageSize(page);
    const qb = this.dataSource.manager.createQueryBuilder(StudyTourEntity, 't').innerJoin(UnitEntity, 'ou', 'ou.id = t.unit_id');
    if (hasRole(actor, Role.ADMIN, Role.TRAINER)) {
      qb.where('ou.path LIKE :scope', { scope: `${actor.scopePath}%` });
    } else {
      qb.innerJoin(UserEntity, 'me', 'me.id = :me', { me: actor.id })
        .innerJoin(UnitEntity, 'mu', 'mu.id = me.unit_id')
        .where(`t.status <> 'DRAFT'`)
        .andWhere(ELIGIBILITY.map((rule) => rule.sql).join(' AND '));
    }
    if (filter.status) qb.andWhere('t.status = :status', { status: filter.status });
    const totalCount = await qb.clone().getCount();
    if (page.after) {
      const cursor = decodeCursor(page.after);
      qb.andWhere('(t.starts_at, t.id) > (:at::timestamptz, :id::uuid)', { at: cursor.sort, id: cursor.id });
    }
    const rows = await qb.orderBy('t.starts_at', 'ASC').addOrderBy('t.id', 'ASC').limit(size + 1).getMany();
    return toPage(rows, size, totalCount, (t) => ({ sort: t.startsAt.toISOString(), id: t.id }));
  }

  // --- seats -----------------------------------------------------------------

  /**
   * Signs the actor up: CONFIRMED while seats remain, else WAITLISTED in
   * arrival order; PENDING when the tour needs approval. Signing up again
   * after cancelling goes to the back of the line.
   */
  async signUp(actor: Actor, tourId: string, now = new Date()): Promise<SignUpView> {
    // checks that do not depend on seats run before the lock, so the lock is held only for the seat decision
    const candidate = await this.dataSource.manager.findOneBy(StudyTourEntity, { id: tourId });
    if (!candidate || candidate.status === TourStatus.DRAFT) throw new NotFoundException('StudyTour', tourId);
    await this.assertEligible(actor.id, candidate);

    // The seat decision is one statement: it locks the tour row, decides from the
    // locked counts, inserts the sign-up and moves the counter, so the lock is held
    // for one round trip (not for several awaits on a busy event loop).
    const [decided] = (await this.dataSource.query(
      `WITH tour AS (
         SELECT id, capacity, confirmed_count, approval_required FROM study_tours
          WHERE id = $1 AND status = 'OPEN' AND signup_opens_at <= $3 AND signup_closes_at > $3
          FOR UPDATE),
       placed AS (
         INSERT INTO tour_signups (tour_id, user_id, status)
         SELECT id, $2, CASE WHEN approval_required THEN 'PENDING' WHEN confirmed_count < capacity THEN 'CONFIRMED' ELSE 'WAITLISTED' END
           FROM tour
         ON CONFLICT (tour_id, user_id) DO UPDATE
           SET status = EXCLUDED.status, arrival = nextval('tour_signup_arrival_seq'), attendance = NULL,
               checked_in_at = NULL, checked_in_by = NULL, attendance_marked_at = NULL, created_at = now(), updated_at = now()
           WHERE tour_signups.status NOT IN ('PENDING', 'CONFIRMED', 'WAITLISTED')
         RETURNING id, status),
       counted AS (
         UPDATE study_tours SET confirmed_count = confirmed_count + 1
           FROM placed WHERE study_tours.id = $1 AND placed.status = 'CONFIRMED')
       SELECT (SELECT count(*) FROM tour)::int AS open, placed.id FROM (SELECT 1) one LEFT JOIN placed ON true`,
      [tourId, actor.id, now],
    )) as { open: number; id: string | null }[];
    if (!decided.id) {
      if (decided.open) {
        const existing = await this.dataSource.manager.findOneByOrFail(TourSignUpEntity, { tourId, userId: actor.id });
        throw new ConflictException(`You have already signed up for this tour (${existing.status})`, { reason: TourRefusal.ALREADY_SIGNED_UP, status: existing.status });
      }
      const tour = await this.dataSource.manager.findOneByOrFail(StudyTourEntity, { id: tourId });
      if (tour.status === TourStatus.CANCELLED) throw new ConflictException('This tour was cancelled', { reason: TourRefusal.TOUR_CANCELLED });
      if (tour.status !== TourStatus.OPEN) throw new ConflictException(`This tour is ${tour.status.toLowerCase()} and takes no sign-ups`, { reason: TourRefusal.TOUR_NOT_OPEN, status: tour.status });
      if (now < tour.signUpOpensAt) {
        throw new ConflictException(`Sign-up opens at ${formatDateTime(tour.signUpOpensAt)}`, { reason: TourRefusal.SIGNUP_NOT_YET_OPEN, at: tour.signUpOpensAt.toISOString() });
      }
      throw new ConflictException(`Sign-up closed at ${formatDateTime(tour.signUpClosesAt)}`, { reason: TourRefusal.SIGNUP_CLOSED, at: tour.signUpClosesAt.toISOString() });
    }
    const signUp = await this.dataSource.manager.findOneByOrFail(TourSignUpEntity, { id: decided.id });
    return {
      signUp,
      waitlistPosition: await this.position(this.dataSource.manager, signUp),
    };
  }

  /** The actor cancels their own sign-up before the cut-off; a freed seat goes to the earliest waitlisted cadre. */
  async cancelSignUp(actor: Actor, tourId: string, now = new Date()): Promise<SignUpView> {
    return this.dataSource.transaction(async (m) => {
      const tour = await this.lockTour(m, tourId);
      if (!tour) throw new NotFoundException('StudyTour', tourId);
      const signUp = await m.findOneBy(TourSignUpEntity, { tourId, userId: actor.id, status: In(ACTIVE_SIGNUP_STATUSES) });
      if (!signUp) throw new ConflictException('You have no active sign-up for this tour', { reason: TourRefusal.NO_ACTIVE_SIGNUP });
      if (now >= tour.cancelCutoffAt) {
        throw new ConflictException(`Cancellation closed at ${formatDateTime(tour.cancelCutoffAt)}; ask the organiser`, { reason: TourRefusal.CANCEL_CUTOFF_PASSED, at: tour.cancelCutoffAt.toISOString() });
      }
      await this.release(m, tour, signUp, SignUpStatus.CANCELLED);
      return { signUp, waitlistPosition: null };
    });
  }

  /** An organiser removes a cadre's sign-up (any time before the tour); the seat is passed on as for a cancellation. */
  async removeSignUp(actor: Actor, signUpId: string): Promise<SignUpView> {
    return this.dataSource.transaction(async (m) => {
      const found = await m.findOneBy(TourSignUpEntity, { id: signUpId });
      if (!found) throw new NotFoundException('TourSignUp', signUpId);
      const { tour, scopePath } = await this.lockManaged(m, actor, found.tourId);
      const signUp = await m.findOneByOrFail(TourSignUpEntity, { id: signUpId });
      if (!ACTIVE_SIGNUP_STATUSES.includes(signUp.status)) throw new ConflictException(`This sign-up is already ${signUp.status.toLowerCase()}`);
      await this.release(m, tour, signUp, SignUpStatus.REMOVED);
      await this.notifications.send(m, [
        { userId: signUp.userId, kind: 'TOUR_SIGNUP_REMOVED', title: `报名已被取消：${tour.title}`, body: `组织单位取消了您“${tour.title}”（${formatDate(tour.startsAt)}）的报名。`, data: { tourId: tour.id } },
      ]);
      await this.audit.record(m, actor, [{ action: 'tour.remove-signup', entityType: 'TourSignUp', entityId: signUp.id, scopePath, before: { status: found.status }, after: { status: SignUpStatus.REMOVED } }]);
      return { signUp, waitlistPosition: null };
    });
  }

  /** Approval mode: approving takes a seat if one is free, else joins the waitlist by the original arrival. */
  async decide(actor: Actor, signUpId: string, approve: boolean): Promise<SignUpView> {
    return this.dataSource.transaction(async (m) => {
      const found = await m.findOneBy(TourSignUpEntity, { id: signUpId });
      if (!found) throw new NotFoundException('TourSignUp', signUpId);
      const { tour, scopePath } = await this.lockManaged(m, actor, found.tourId);
      const signUp = await m.findOneByOrFail(TourSignUpEntity, { id: signUpId });
      if (signUp.status !== SignUpStatus.PENDING) throw new ConflictException(`This sign-up is ${signUp.status.toLowerCase()}, not pending`);
      const next = !approve ? SignUpStatus.REJECTED : tour.confirmedCount < tour.capacity ? SignUpStatus.CONFIRMED : SignUpStatus.WAITLISTED;
      await m.update(TourSignUpEntity, { id: signUp.id }, { status: next });
      if (next === SignUpStatus.CONFIRMED) await m.increment(StudyTourEntity, { id: tour.id }, 'confirmedCount', 1);
      signUp.status = next;
      await this.audit.record(m, actor, [{ action: approve ? 'tour.approve-signup' : 'tour.reject-signup', entityType: 'TourSignUp', entityId: signUp.id, scopePath, before: { status: SignUpStatus.PENDING }, after: { status: next } }]);
      await this.notifications.send(m, [
        {
          userId: signUp.userId,
          kind: approve ? 'TOUR_SIGNUP_APPROVED' : 'TOUR_SIGNUP_REJECTED',
          title: approve ? `报名已通过：${tour.title}` : `报名未通过：${tour.title}`,
          body: approve ? (next === SignUpStatus.CONFIRMED ? `您已获得“${tour.title}”的正式名额。` : `名额已满，您已进入“${tour.title}”的候补名单。`) : `您对“${tour.title}”的报名未获通过。`,
          data: { tourId: tour.id },
        },
      ]);
      return { signUp, waitlistPosition: await this.position(m, signUp) };
    });
  }

  /** The user's own sign-ups for a page of tours, with waitlist places, in two queries. */
  async signUpsOf(userId: string, tourIds: readonly string[]): Promise<Map<string, SignUpView>> {
    if (tourIds.length === 0) return new Map();
    const signUps = await this.dataSource.manager.findBy(TourSignUpEntity, { userId, tourId: In([...tourIds]) });
    const places = await this.waitlistPlaces(this.dataSource.manager, signUps);
    return new Map(signUps.map((s) => [s.tourId, { signUp: s, waitlistPosition: places.get(s.id) ?? null }]));
  }

  /** Sign-ups of a tour for its organisers, in arrival order. */
  async signUps(actor: Actor, tourId: string, status: SignUpStatus | null, page: PageRequest): Promise<Page<TourSignUpEntity>> {
    const tour = await this.dataSource.manager.findOneBy(StudyTourEntity, { id: tourId });
    if (!tour) throw new NotFoundException('StudyTour', tourId);
    if (!(await this.organiserPath(actor, tour))) throw new ForbiddenException('Only organisers of this tour see its sign-ups');
    const size = pageSize(page, 'first');
    const qb = this.dataSource.manager.createQueryBuilder(TourSignUpEntity, 's').where('s.tour_id = :tourId', { tourId });
    if (status) qb.andWhere('s.status = :status', { status });
    const totalCount = await qb.clone().getCount();
    if (page.after) qb.andWhere('s.arrival > :arrival', { arrival: decodeCursor(page.after).sort });
    const rows = await qb.orderBy('s.arrival', 'ASC').limit(size + 1).getMany();
    return toPage(rows, size, totalCount, (s) => ({ sort: String(s.arrival), id: s.id }));
  }

  // --- attendance --------------------------------------------------------------

  /** The code a confirmed cadre shows at check-in; it changes every minute. */
  async myCheckInCode(actor: Actor, tourId: string, now = new Date()): Promise<{ code: string; expiresAt: Date }> {
    const signUp = await this.dataSource.manager.findOneBy(TourSignUpEntity, { tourId, userId: actor.id });
    if (!signUp || signUp.status !== SignUpStatus.CONFIRMED) {
      const message = signUp ? `Only cadres with a confirmed seat get a check-in code (yours is ${signUp.status})` : 'Only cadres with a confirmed seat get a check-in code';
      throw new ConflictException(message, {
        reason: TourRefusal.NOT_CONFIRMED,
        status: signUp?.status ?? null,
      });
    }
    if (signUp.checkedInAt) throw new ConflictException('You are already checked in', { reason: TourRefusal.ALREADY_CHECKED_IN, at: signUp.checkedInAt.toISOString() });
    return checkInCode(this.config.get('JWT_SECRET'), signUp.id, now);
  }

  /**
   * An organiser checks a cadre in, from the list (signUpId) or with the code
   * on the cadre's phone. Only confirmed cadres can be checked in, once, from
   * two hours before the start until the end of the tour.
   */
  async checkIn(actor: Actor, tourId: string, by: { signUpId?: string | null; code?: string | null }, now = new Date()): Promise<TourSignUpEntity> {
    if (!by.signUpId === !by.code) throw BadUserInputException.field('signUpId', 'give either signUpId or code');
    return this.dataSource.transaction(async (m) => {
      const { tour } = await this.lockManaged(m, actor, tourId);
      if (tour.status === TourStatus.CANCELLED || tour.status === TourStatus.DRAFT || tour.status === TourStatus.DONE) {
        throw new ConflictException(`A ${tour.status.toLowerCase()} tour takes no check-ins`);
      }
      if (now.getTime() < tour.startsAt.getTime() - CHECK_IN_OPENS_BEFORE_MS || now > tour.endsAt) {
        throw new ConflictException(`Check-in is open from two hours before the start (${formatDateTime(tour.startsAt)}) until the end of the tour`);
      }
      let signUp: TourSignUpEntity | null;
      if (by.signUpId) {
        signUp = await m.findOneBy(TourSignUpEntity, { id: by.signUpId, tourId });
        if (!signUp) throw new NotFoundException('TourSignUp', by.signUpId);
      } else {
        const code = by.code!.trim();
        if (!/^\d{6}$/.test(code)) throw BadUserInputException.field('code', 'must be the six digits shown on the cadre\'s phone');
        const confirmed = await m.findBy(TourSignUpEntity, { tourId, status: SignUpStatus.CONFIRMED });
        signUp = confirmed.find((s) => matchesCheckInCode(this.config.get('JWT_SECRET'), s.id, code, now)) ?? null;
        if (!signUp) throw BadUserInputException.field('code', 'matches no confirmed cadre of this tour (codes change every minute)');
      }
      if (signUp.status !== SignUpStatus.CONFIRMED) {
        throw new ConflictException(`This cadre is ${signUp.status.toLowerCase()}, not confirmed: only confirmed cadres can check in`);
      }
      if (signUp.checkedInAt) throw new ConflictException(`Already checked in at ${formatDateTime(signUp.checkedInAt)}`);
      await m.update(TourSignUpEntity, { id: signUp.id }, { checkedInAt: now, checkedInBy: actor.id });
      return { ...signUp, checkedInAt: now, checkedInBy: actor.id };
    });
  }

  /**
   * After the tour ends: confirmed cadres who checked in are ATTENDED (and
   * earn the tour's class hours), the others NO_SHOW. Each result goes to the
   * completion queue.
   */
  async complete(actor: Actor, tourId: string, now = new Date()): Promise<StudyTourEntity> {
    const { tour, changed } = await this.dataSource.transaction(async (m) => {
      const { tour, scopePath } = await this.lockManaged(m, actor, tourId);
      if (tour.status !== TourStatus.OPEN && tour.status !== TourStatus.CLOSED) {
        throw new ConflictException(`A ${tour.status.toLowerCase()} tour cannot be completed`);
      }
      if (now < tour.endsAt) throw new ConflictException(`Attendance is recorded after the tour ends (${formatDateTime(tour.endsAt)})`);
      const [changed] = (await m.query(
        `UPDATE tour_signups SET attendance = CASE WHEN checked_in_at IS NULL THEN 'NO_SHOW' ELSE 'ATTENDED' END,
                attendance_marked_at = now(), updated_at = now()
          WHERE tour_id = $1 AND status = 'CONFIRMED' RETURNING id, user_id`,
        [tour.id],
      )) as [{ id: string; user_id: string }[]];
      await m.update(StudyTourEntity, { id: tour.id }, { status: TourStatus.DONE });
      await this.audit.record(m, actor, [{ action: 'tour.complete', entityType: 'StudyTour', entityId: tour.id, scopePath, after: { status: TourStatus.DONE, marked: changed.length } }]);
      return { tour: { ...tour, status: TourStatus.DONE }, changed };
    });
    await this.announceAttendance(changed.map((c) => ({ signUpId: c.id, userId: c.user_id })));
    return tour;
  }

  /** Corrects one cadre's attendance on a completed tour (e.g. checked in on paper). */
  async setAttendance(actor: Actor, signUpId: string, attended: boolean): Promise<TourSignUpEntity> {
    const signUp = await this.dataSource.transaction(async (m) => {
      const found = await m.findOneBy(TourSignUpEntity, { id: signUpId });
      if (!found) throw new NotFoundException('TourSignUp', signUpId);
      const { tour, scopePath } = await this.lockManaged(m, actor, found.tourId);
      if (tour.status !== TourStatus.DONE) throw new ConflictException('Attendance is corrected after the tour is completed');
      if (found.status !== SignUpStatus.CONFIRMED) throw new ConflictException(`This cadre was ${found.status.toLowerCase()}, not confirmed`);
      const attendance = attended ? 'ATTENDED' : 'NO_SHOW';
      await m.update(TourSignUpEntity, { id: signUpId }, { attendance, attendanceMarkedAt: new Date() });
      await this.audit.record(m, actor, [{ action: 'tour.attendance', entityType: 'TourSignUp', entityId: signUpId, scopePath, before: { attendance: found.attendance }, after: { attendance } }]);
      return { ...found, attendance } as TourSignUpEntity;
    });
    await this.announceAttendance([{ signUpId: signUp.id, userId: signUp.userId }]);
    return signUp;
  }

  /**
   * The attendee list as CSV for spreadsheet programs: UTF-8 with a byte-order
   * mark so Chinese names open correctly, one row per active sign-up in arrival order.
   */
  async attendeesCsv(actor: Actor, tourId: string): Promise<{ filename: string; content: string }> {
    const tour = await this.dataSource.manager.findOneBy(StudyTourEntity, { id: tourId });
    if (!tour) throw new NotFoundException('StudyTour', tourId);
    if (!(await this.organiserPath(actor, tour))) throw new ForbiddenException('Only organisers of this tour export its attendee list');
    const rows: Record<string, string | number | null>[] = await this.dataSource.query(
      `SELECT row_number() OVER (ORDER BY s.arrival) AS no, u.name, u.phone, un.name AS unit, s.status, s.attendance,
              to_char(s.checked_in_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS checked_in,
              to_char(s.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS signed_up
         FROM tour_signups s JOIN users u ON u.id = s.user_id JOIN units un ON un.id = u.unit_id
        WHERE s.tour_id = $1 AND s.status IN ('CONFIRMED','WAITLISTED','PENDING')
        ORDER BY s.arrival`,
      [tourId],
    );
    const content = stringify(rows.map((r) => [r.no, r.name, r.phone ?? '', r.unit, STATUS_ZH[r.status as string], r.attendance ? ATTENDANCE_ZH[r.attendance as string] : '', r.checked_in ?? '', r.signed_up]), {
      header: true,
      columns: ['序号', '姓名', '手机', '单位', '报名状态', '出勤', '签到时间', '报名时间'],
      record_delimiter: 'windows',
    });
    return { filename: `${tour.title}-名单.csv`, content: `\uFEFF${content}` };
  }

  private async announceAttendance(changes: { signUpId: string; userId: string }[]): Promise<void> {
    // after commit: the handler re-reads the sign-up, so a repeated or late event changes nothing
    await this.jobs.addBulk(
      JobName.TOUR_ATTENDANCE_CHANGED,
      changes.map((c) => ({ input: c, options: { deduplication: { id: `tour-attendance:${c.signUpId}`, keepLastIfActive: true } } })),
    );
  }

  // --- internals -------------------------------------------------------------

  private async release(m: EntityManager, tour: StudyTourEntity, signUp: TourSignUpEntity, to: SignUpStatus): Promise<void> {
    const wasConfirmed = signUp.status === SignUpStatus.CONFIRMED;
    await m.update(TourSignUpEntity, { id: signUp.id }, { status: to });
    signUp.status = to;
    if (wasConfirmed) {
      await m.decrement(StudyTourEntity, { id: tour.id }, 'confirmedCount', 1);
      tour.confirmedCount -= 1;
      await this.fillFreeSeats(m, tour);
    }
  }

  /** Promotes the earliest waitlisted cadres into free seats and tells each of them. Caller holds the tour lock. */
  private async fillFreeSeats(m: EntityManager, tour: StudyTourEntity): Promise<number> {
    const free = tour.capacity - tour.confirmedCount;
    if (free <= 0) return 0;
    const [promoted] = (await m.query(
      `UPDATE tour_signups SET status = 'CONFIRMED', updated_at = now()
        WHERE id IN (SELECT id FROM tour_signups WHERE tour_id = $1 AND status = 'WAITLISTED' ORDER BY arrival LIMIT $2)
        RETURNING user_id`,
      [tour.id, free],
    )) as [{ user_id: string }[], number];
    if (promoted.length === 0) return 0;
    await m.increment(StudyTourEntity, { id: tour.id }, 'confirmedCount', promoted.length);
    tour.confirmedCount += promoted.length;
    const messages: NewNotification[] = promoted.map((r) => ({
      userId: r.user_id,
      kind: 'TOUR_SEAT_CONFIRMED',
      title: `候补转正：${tour.title}`,
      body: `有名额空出，您已从候补转为“${tour.title}”（${formatDate(tour.startsAt)}）的正式名额。集合地点：${tour.meetingPoint ?? '另行通知'}。`,
      data: { tourId: tour.id },
    }));
    await this.notifications.send(m, messages);
    return promoted.length;
  }

  private async position(m: EntityManager, signUp: TourSignUpEntity): Promise<number | null> {
    return (await this.waitlistPlaces(m, [signUp])).get(signUp.id) ?? null;
  }

  /** 1-based waitlist places of the WAITLISTED sign-ups among these, in one query. */
  private async waitlistPlaces(m: EntityManager, signUps: TourSignUpEntity[]): Promise<Map<string, number>> {
    const waiting = signUps.filter((s) => s.status === SignUpStatus.WAITLISTED).map((s) => s.id);
    if (waiting.length === 0) return new Map();
    const rows = (await m.query(
      `SELECT w.id, (SELECT count(*)::int FROM tour_signups o WHERE o.tour_id = w.tour_id AND o.status = 'WAITLISTED' AND o.arrival <= w.arrival) AS place
         FROM tour_signups w WHERE w.id = ANY($1)`,
      [waiting],
    )) as { id: string; place: number }[];
    return new Map(rows.map((r) => [r.id, r.place]));
  }

  private lockTour(m: EntityManager, tourId: string): Promise<StudyTourEntity | null> {
    return m.findOne(StudyTourEntity, { where: { id: tourId }, lock: { mode: 'pessimistic_write' } });
  }

  /** Locks a tour the actor organises; `scopePath` (the organising unit's path) files audit rows where that unit's administrators see them. */
  private async lockManaged(m: EntityManager, actor: Actor, tourId: string): Promise<{ tour: StudyTourEntity; scopePath: string }> {
    const tour = await this.lockTour(m, tourId);
    if (!tour) throw new NotFoundException('StudyTour', tourId);
    const scopePath = await this.organiserPath(actor, tour, m);
    if (!scopePath) throw new ForbiddenException('Only administrators and trainers of the organising unit manage this tour');
    return { tour, scopePath };
  }

  /** The organising unit's path when the actor organises the tour, else null. */
  private async organiserPath(actor: Actor, tour: StudyTourEntity, m: EntityManager = this.dataSource.manager): Promise<string | null> {
    if (!hasRole(actor, Role.ADMIN, Role.TRAINER)) return null;
    const unit = await m.findOneBy(UnitEntity, { id: tour.unitId });
    return unit && inScope(actor, unit.path) ? unit.path : null;
  }

  private async transition(actor: Actor, tourId: string, from: TourStatus[], to: TourStatus, action: string): Promise<StudyTourEntity> {
    return this.dataSource.transaction(async (m) => {
      const { tour, scopePath } = await this.lockManaged(m, actor, tourId);
      if (!from.includes(tour.status)) throw new ConflictException(`A ${tour.status.toLowerCase()} tour cannot become ${to.toLowerCase()}`);
      await m.update(StudyTourEntity, { id: tour.id }, { status: to });
      await this.audit.record(m, actor, [{ action, entityType: 'StudyTour', entityId: tour.id, scopePath, before: { status: tour.status }, after: { status: to } }]);
      return { ...tour, status: to };
    });
  }

  /** Refuses a user the tour is not for, naming the first ELIGIBILITY rule that fails (message and `reason`). */
  private async assertEligible(userId: string, tour: StudyTourEntity): Promise<void> {
    const failed = await this.failedEligibility(this.dataSource.manager, userId, tour);
    if (failed) throw new ForbiddenException(failed.message(tour), { reason: failed.reason, ...(failed.reason === TourRefusal.NOT_ELIGIBLE_TIER ? { tiers: tour.eligibleTiers } : {}) });
  }

  /** The first ELIGIBILITY rule this user fails for the tour, or null when they may join. */
  private async failedEligibility(m: EntityManager, userId: string, tour: StudyTourEntity): Promise<EligibilityRule | null> {
    const [row] = (await m.query(
      `SELECT ${ELIGIBILITY.map((rule, i) => `${rule.sql} AS r${i}`).join(', ')}
         FROM study_tours t JOIN units ou ON ou.id = t.unit_id
         JOIN users me ON me.id = $2 JOIN units mu ON mu.id = me.unit_id
        WHERE t.id = $1`,
      [tour.id, userId],
    )) as Record<string, boolean>[];
    if (!row) return ELIGIBILITY[0];
    return ELIGIBILITY.find((_, i) => !row[`r${i}`]) ?? null;
  }

  private async assertUnitsExist(m: EntityManager, ids: string[]): Promise<void> {
    const found = await m.countBy(UnitEntity, { id: In(ids) });
    if (found !== new Set(ids).size) throw BadUserInputException.field('eligibleUnitIds', 'contains a unit that does not exist');
  }
}

const CHECK_IN_OPENS_BEFORE_MS = 2 * 3600_000;

/**
 * Who may join a tour, as SQL over t (study_tours), ou (organising unit),
 * me (users) and mu (my unit): one definition, used to list the tours a cadre
 * is offered and to explain a refused sign-up.
 */
interface EligibilityRule {
  sql: string;
  reason: TourRefusal;
  message: (tour: StudyTourEntity) => string;
}
const ELIGIBILITY: EligibilityRule[] = [
  { sql: `mu.path LIKE ou.path || '%'`, reason: TourRefusal.NOT_ELIGIBLE_ORGANISATION, message: () => 'This tour is organised for another part of the organisation' },
  { sql: `(cardinality(t.eligible_tiers) = 0 OR me.tier = ANY(t.eligible_tiers))`, reason: TourRefusal.NOT_ELIGIBLE_TIER, message: (t) => `This tour is for ${t.eligibleTiers.join(', ')} cadres only` },
  { sql: `(NOT t.leading_only OR me.is_leading)`, reason: TourRefusal.NOT_ELIGIBLE_LEADING, message: () => 'This tour is for leading cadres only' },
  {
    sql: `(cardinality(t.eligible_unit_ids) = 0 OR EXISTS (SELECT 1 FROM units eu WHERE eu.id = ANY(t.eligible_unit_ids) AND mu.path LIKE eu.path || '%'))`,
    reason: TourRefusal.NOT_ELIGIBLE_UNITS,
    message: () => 'This tour is for cadres of the listed units only',
  },
];

const STATUS_ZH: Record<string, string> = { CONFIRMED: '正式', WAITLISTED: '候补', PENDING: '待审核' };
const ATTENDANCE_ZH: Record<string, string> = { ATTENDED: '出席', NO_SHOW: '缺席' };

/** The stored columns of a tour's editable fields, trimmed and with their defaults; shared by create and update. */
function tourColumns(d: TourData) {
  return {
    title: d.title.trim(),
    kind: d.kind,
    destination: d.destination.trim(),
    meetingPoint: d.meetingPoint?.trim() || null,
    startsAt: d.startsAt,
    endsAt: d.endsAt,
    capacity: d.capacity,
    signUpOpensAt: d.signUpOpensAt,
    signUpClosesAt: d.signUpClosesAt,
    cancelCutoffAt: d.cancelCutoffAt,
    eligibleTiers: d.eligibleTiers ?? [],
    eligibleUnitIds: d.eligibleUnitIds ?? [],
    leadingOnly: d.leadingOnly ?? false,
    classHours: d.classHours ?? 0,
    approvalRequired: d.approvalRequired ?? false,
  };
}

function validateTour(d: TourData): void {
  const problems: FieldProblem[] = [];
  if (!d.title?.trim()) problems.push({ field: 'title', message: 'must not be empty' });
  if (!d.destination?.trim()) problems.push({ field: 'destination', message: 'must not be empty' });
  if (!(d.endsAt > d.startsAt)) problems.push({ field: 'endsAt', message: 'must be after startsAt' });
  if (!(d.signUpClosesAt > d.signUpOpensAt)) problems.push({ field: 'signUpClosesAt', message: 'must be after signUpOpensAt' });
  if (d.signUpClosesAt > d.startsAt) problems.push({ field: 'signUpClosesAt', message: 'must not be after the tour starts' });
  if (d.cancelCutoffAt > d.startsAt) problems.push({ field: 'cancelCutoffAt', message: 'must not be after the tour starts' });
  if (!Number.isInteger(d.capacity) || d.capacity < 1) problems.push({ field: 'capacity', message: 'must be a whole number of at least 1' });
  if (d.classHours !== undefined && (d.classHours < 0 || d.classHours > 999 || Math.round(d.classHours * 100) !== d.classHours * 100)) {
    problems.push({ field: 'classHours', message: 'must be between 0 and 999 with at most two decimals' });
  }
  if (problems.length) throw new BadUserInputException(problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);
}

const SHANGHAI = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric' });
const SHANGHAI_TIME = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });

function formatDate(d: Date): string {
  return SHANGHAI.format(d);
}

function formatDateTime(d: Date): string {
  return `${SHANGHAI_TIME.format(d)} (Asia/Shanghai)`;
}
