import { Injectable, Logger } from '@nestjs/common';
import { JobName, JobQueue } from '@qinglian/queue';
import { EntityManager } from 'typeorm';
import { OCCASION_NAMES, OccurrenceStatus, TriggerKind } from '../reminder.enums';
import { CustomDateEntity, OccasionEntity, ReminderCampaignEntity, ReminderOccurrenceEntity } from '../reminder.entities';
import { DatedTrigger, nextDatedOccurrence, occasionSendAt, PlannedOccurrence } from './schedule';

export interface ScheduledOccurrence {
  id: string;
  version: number;
  sendAt: Date;
}

const OCCURRENCE_COLUMNS = `id, version, send_at AS "sendAt"`;

/**
 * Turns campaigns into occurrences (a row per festival year, date or reported
 * occasion, unique per campaign) and each occurrence into one delayed BullMQ
 * job whose id carries the occurrence and its version. Adding the same job
 * twice is a no-op, so planning may be repeated (a worker restart, a retried
 * request) without a second sending.
 */
@Injectable()
export class ReminderPlanner {
  private readonly logger = new Logger(ReminderPlanner.name);

  constructor(private readonly jobs: JobQueue) {}

  /** The trigger of a festival or date campaign. */
  async datedTrigger(m: EntityManager, c: Pick<ReminderCampaignEntity, 'triggerKind' | 'festivalKey' | 'customDateId' | 'sendDate' | 'name'>): Promise<DatedTrigger> {
    if (c.triggerKind === TriggerKind.FESTIVAL) return { kind: 'FESTIVAL', festivalKey: c.festivalKey! };
    if (c.customDateId) {
      const custom = await m.findOneByOrFail(CustomDateEntity, { id: c.customDateId });
      return { kind: 'DATE', name: custom.name, date: custom.date, yearly: custom.yearly };
    }
    return { kind: 'DATE', name: c.name, date: c.sendDate!, yearly: false };
  }

  /** The next occurrence of a festival or date campaign, or null when there is none after `now`. */
  async nextOf(m: EntityManager, c: ReminderCampaignEntity, now: Date): Promise<PlannedOccurrence | null> {
    return nextDatedOccurrence(await this.datedTrigger(m, c), c.daysBefore, c.sendTime, now, c.repeatYearly);
  }

  /**
   * Stores a planned occurrence. An occurrence already planned under the same
   * key is moved (its version raised, so its old job does nothing); one that
   * has started or been sent is left alone.
   */
  async store(m: EntityManager, campaignId: string, planned: PlannedOccurrence, occasionId: string | null = null): Promise<ScheduledOccurrence | null> {
    const [row] = (await m.query(
      `INSERT INTO reminder_occurrences AS o (campaign_id, occurrence_key, occasion_id, event_name, event_date, send_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (campaign_id, occurrence_key) DO UPDATE
         SET send_at = EXCLUDED.send_at, event_name = EXCLUDED.event_name, event_date = EXCLUDED.event_date,
             version = o.version + 1, status = 'SCHEDULED', cancelled_at = NULL
         WHERE o.status IN ('SCHEDULED', 'CANCELLED')
       RETURNING ${OCCURRENCE_COLUMNS}`,
      [campaignId, planned.key, occasionId, planned.eventName, planned.eventDate, planned.sendAt],
    )) as ScheduledOccurrence[];
    return row ?? null;
  }

  /** The occurrence of an occasion campaign for one reported occasion. */
  async storeForOccasion(m: EntityManager, c: ReminderCampaignEntity, occasion: OccasionEntity, now: Date): Promise<ScheduledOccurrence | null> {
    const sendAt = occasionSendAt(occasion.date, c.occasionOffsetDays, c.sendTime, now);
    return this.store(m, c.id, { key: `OCCASION:${occasion.id}`, eventName: OCCASION_NAMES[occasion.kind], eventDate: occasion.date, sendAt }, occasion.id);
  }

  /** Cancels the occurrences not yet started; returns them so their jobs can be removed. */
  async cancelScheduled(m: EntityManager, campaignId: string, occasionId?: string): Promise<ScheduledOccurrence[]> {
    return (await m.query(
      `UPDATE reminder_occurrences SET status = 'CANCELLED', cancelled_at = now()
        WHERE campaign_id = $1 AND status = 'SCHEDULED' ${occasionId ? 'AND occasion_id = $2' : ''}
        RETURNING ${OCCURRENCE_COLUMNS}`,
      occasionId ? [campaignId, occasionId] : [campaignId],
    ))[0] as ScheduledOccurrence[];
  }

  static jobId(o: Pick<ScheduledOccurrence, 'id' | 'version'>): string {
    return `reminder-${o.id}-v${o.version}`;
  }

  /** One delayed job per occurrence (after the transaction that stored them has committed). */
  async enqueue(occurrences: ScheduledOccurrence[], now: Date): Promise<void> {
    await this.jobs.addBulk(
      JobName.FIRE_REMINDER,
      occurrences.map((o) => ({
        input: { occurrenceId: o.id, version: o.version },
        options: { jobId: ReminderPlanner.jobId(o), delay: Math.max(0, new Date(o.sendAt).getTime() - now.getTime()) },
      })),
    );
  }

  /** Removes the delayed jobs of cancelled or moved occurrences. Best effort: a job left behind finds its version stale and does nothing. */
  async dequeue(occurrences: Pick<ScheduledOccurrence, 'id' | 'version'>[]): Promise<void> {
    const queue = this.jobs.queue(JobName.FIRE_REMINDER);
    for (const o of occurrences) {
      await queue.remove(ReminderPlanner.jobId(o)).catch((error: unknown) => this.logger.warn(`could not remove job ${ReminderPlanner.jobId(o)}: ${String(error)}`));
    }
  }

  /** Every occurrence still waiting for its send time, to re-add lost jobs (Redis restored empty) at worker start. */
  async waiting(m: EntityManager): Promise<ScheduledOccurrence[]> {
    return m.getRepository(ReminderOccurrenceEntity).find({ where: { status: OccurrenceStatus.SCHEDULED }, select: { id: true, version: true, sendAt: true } });
  }
}
