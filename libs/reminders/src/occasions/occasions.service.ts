import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@qinglian/audit';
import { Actor, BadUserInputException, Clock, ConflictException, ForbiddenException, hasRole, inScope, NotFoundException } from '@qinglian/common';
import { UnitEntity, UserEntity } from '@qinglian/identity';
import { DataSource, EntityManager } from 'typeorm';
import { CampaignsService } from '../campaigns/campaigns.service';
import { ReminderPlanner, ScheduledOccurrence } from '../campaigns/reminder-planner';
import { addDays, shanghaiDate } from '../campaigns/schedule';
import { OccasionKind } from '../reminder.enums';
import { OccasionEntity, ReminderOccurrenceEntity } from '../reminder.entities';

export interface OccasionInput {
  kind: OccasionKind;
  date: string;
  note?: string | null;
  /** Set by an administrator recording an occasion for a cadre; a cadre reports their own. */
  userId?: string;
}

/**
 * Personal occasions (weddings, funerals, a child's further studies...) that
 * the rules ask cadres to report. A report plans the reminders of every
 * scheduled occasion campaign that reaches the cadre.
 */
@Injectable()
export class OccasionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly campaigns: CampaignsService,
    private readonly planner: ReminderPlanner,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async report(actor: Actor, input: OccasionInput): Promise<OccasionEntity> {
    const now = this.clock.now();
    if (!Object.values(OccasionKind).includes(input.kind)) throw BadUserInputException.field('kind', `must be one of ${Object.values(OccasionKind).join(', ')}`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(input.date) || Number.isNaN(Date.parse(input.date))) throw BadUserInputException.field('date', 'must be a date YYYY-MM-DD');
    const today = shanghaiDate(now);
    // the rules: report celebrations ahead, funerals within 15 days after; a year either way covers every real case
    if (input.date < addDays(today, -366) || input.date > addDays(today, 366)) throw BadUserInputException.field('date', 'must be within a year of today');
    if (input.note && input.note.length > 500) throw BadUserInputException.field('note', 'must be at most 500 characters');
    const { occasion, planned } = await this.dataSource.transaction(async (m) => {
      const userId = input.userId ?? actor.id;
      const scopePath = await this.requireReporter(actor, m, userId);
      const occasion = await m.save(OccasionEntity, m.create(OccasionEntity, { userId, kind: input.kind, date: input.date, note: input.note?.trim() || null, reportedBy: actor.id }));
      const planned = await this.campaigns.planForOccasion(m, occasion, now);
      await this.audit.record(m, actor, [{ action: 'occasion.report', entityType: 'Occasion', entityId: occasion.id, scopePath, after: { userId, kind: occasion.kind, date: occasion.date, reminders: planned.length } }]);
      return { occasion, planned };
    });
    await this.planner.enqueue(planned, now);
    return occasion;
  }

  /** Withdraws a report: reminders not yet sent for it are cancelled. */
  async cancel(actor: Actor, id: string): Promise<OccasionEntity> {
    const { occasion, removed } = await this.dataSource.transaction(async (m) => {
      const occasion = await m.findOne(OccasionEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!occasion) throw new NotFoundException('Occasion', id);
      const scopePath = await this.requireReporter(actor, m, occasion.userId);
      if (occasion.cancelledAt) throw new ConflictException(`Occasion ${id} was already withdrawn`);
      occasion.cancelledAt = new Date();
      await m.save(OccasionEntity, occasion);
      const removed = (await m.query(
        `UPDATE reminder_occurrences SET status = 'CANCELLED', cancelled_at = now() WHERE occasion_id = $1 AND status = 'SCHEDULED' RETURNING id, version, send_at AS "sendAt"`,
        [id],
      ))[0] as ScheduledOccurrence[];
      await this.audit.record(m, actor, [{ action: 'occasion.cancel', entityType: 'Occasion', entityId: id, scopePath, after: { cancelledReminders: removed.length } }]);
      return { occasion, removed };
    });
    await this.planner.dequeue(removed);
    return occasion;
  }

  /** A cadre's own occasions, or (staff) those of a cadre they manage, newest first. */
  async list(actor: Actor, userId?: string | null): Promise<OccasionEntity[]> {
    const target = userId ?? actor.id;
    await this.requireReporter(actor, this.dataSource.manager, target);
    return this.dataSource.getRepository(OccasionEntity).find({ where: { userId: target }, order: { date: 'DESC', createdAt: 'DESC' }, take: 200 });
  }

  async reminders(occasionIds: readonly string[]): Promise<ReminderOccurrenceEntity[]> {
    if (!occasionIds.length) return [];
    return this.dataSource.getRepository(ReminderOccurrenceEntity).createQueryBuilder('o').where('o.occasion_id = ANY(:ids)', { ids: [...occasionIds] }).orderBy('o.send_at').getMany();
  }

  /** The cadre themself, or an administrator of the cadre's unit; returns the cadre's unit path for the audit log. */
  private async requireReporter(actor: Actor, m: EntityManager, userId: string): Promise<string> {
    const user = await m.findOneBy(UserEntity, { id: userId });
    if (!user) throw new NotFoundException('User', userId);
    const unit = await m.findOneByOrFail(UnitEntity, { id: user.unitId });
    if (userId === actor.id) return unit.path;
    if (!hasRole(actor, 'ADMIN') || !inScope(actor, unit.path)) throw new ForbiddenException('Only the cadre or an administrator of their unit records their occasions');
    return unit.path;
  }
}
