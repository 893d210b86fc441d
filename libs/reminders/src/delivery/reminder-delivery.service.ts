import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { InjectRedis } from '@qinglian/common';
import { AppConfig } from '@qinglian/config';
import { UnitEntity } from '@qinglian/identity';
import { JobName, JobQueue } from '@qinglian/queue';
import { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { DataSource, EntityManager } from 'typeorm';
import { audienceCondition, HAS_SPOUSE_SQL } from '../campaigns/audience';
import { ReminderPlanner, ScheduledOccurrence } from '../campaigns/reminder-planner';
import { afterQuietHours, parseQuietHours, QuietHours } from '../campaigns/schedule';
import { chineseDate, renderHtml, renderText, TemplateValues } from '../campaigns/template';
import { DeliveryChannel, EMAIL_SENDER, MessageSender, PermanentDeliveryError, SMS_SENDER, TransientDeliveryError, TransientFailureReason } from '../channels/channel';
import { CampaignStatus, DeliveryStatus, Recipient, SkipReason, TriggerKind } from '../reminder.enums';
import { OccasionEntity, ReminderCampaignEntity, ReminderOccurrenceEntity } from '../reminder.entities';

export type ExternalChannel = DeliveryChannel.EMAIL | DeliveryChannel.SMS;

export interface SendRange {
  occurrenceId: string;
  channel: ExternalChannel;
  fromId: string;
  toId: string;
}

export interface SendOutcome {
  sent: number;
  failed: number;
  /** Messages left pending: a transient failure, or claimed by another worker; the job is retried for them. */
  open: number;
  cancelled: boolean;
}

interface AudienceRow {
  id: string;
  name: string;
  unit: string;
  phone: string | null;
  email: string | null;
  spouse_phone: string | null;
  spouse_email: string | null;
  has_spouse: boolean;
}

interface ClaimedRow {
  id: string;
  address: string;
  name: string;
  unit: string;
}

/** Rows one fan-out transaction writes; a few thousand ledger rows and in-app messages. */
const FANOUT_BATCH = 1000;
/** Ledger rows one send job covers. */
const SEND_RANGE = 500;

/**
 * The worker's side of reminders. An occurrence fires at its send time and
 * fans out over its audience in keyset batches: each batch writes its ledger
 * rows, delivers the in-app messages in the same transaction and moves the
 * cursor, then enqueues send jobs for the e-mail and SMS rows. A send job
 * claims rows (status PENDING, no live claim) before sending each one and
 * records the outcome right after, so a retry, a stalled job run again or a
 * second worker never sends a row twice. A row claimed by a worker that died
 * is claimed again after REMINDER_CLAIM_LEASE_SECONDS; the SMS gateway gets
 * the row id as its idempotency key, so that resend cannot double a text.
 */
@Injectable()
export class ReminderDeliveryService {
  private readonly logger = new Logger(ReminderDeliveryService.name);
  private readonly quiet: QuietHours | null;
  private readonly limiters: Record<ExternalChannel, RateLimiterRedis>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly jobs: JobQueue,
    private readonly planner: ReminderPlanner,
    @Inject(EMAIL_SENDER) private readonly email: MessageSender,
    @Inject(SMS_SENDER) private readonly sms: MessageSender,
    @InjectRedis() redis: Redis,
  ) {
    this.quiet = parseQuietHours(config.get('REMINDER_QUIET_HOURS'));
    const prefix = config.get('REDIS_KEY_PREFIX');
    // shared by every worker replica: the rate is the cluster's, not one process's
    this.limiters = {
      [DeliveryChannel.EMAIL]: new RateLimiterRedis({ storeClient: redis, keyPrefix: `${prefix}:rate:email`, points: config.get('EMAIL_RATE_PER_SECOND'), duration: 1 }),
      [DeliveryChannel.SMS]: new RateLimiterRedis({ storeClient: redis, keyPrefix: `${prefix}:rate:sms`, points: config.get('SMS_RATE_PER_SECOND'), duration: 1 }),
    };
  }

  /** When e-mail and SMS due at `at` may go out (after quiet hours). */
  externalSendTime(at: Date): Date {
    return afterQuietHours(at, this.quiet);
  }

  /**
   * Fires an occurrence: SCHEDULED -> SENDING (only for the job's version),
   * then the fan-out, resumed from its cursor when an earlier run died.
   */
  async fire(occurrenceId: string, version: number, now: Date): Promise<{ started: boolean; recipients: number }> {
    const started = (await this.dataSource.query(
      `UPDATE reminder_occurrences SET status = 'SENDING', started_at = coalesce(started_at, now())
        WHERE id = $1 AND version = $2 AND status IN ('SCHEDULED', 'SENDING')
        RETURNING fanout_cursor IS NOT NULL OR fanout_done AS resumed`,
      [occurrenceId, version],
    ))[0] as { resumed: boolean }[];
    if (!started.length) return { started: false, recipients: 0 };
    const occurrence = await this.dataSource.manager.findOneByOrFail(ReminderOccurrenceEntity, { id: occurrenceId });
    await this.dataSource.query(`UPDATE reminder_campaigns SET status = 'SENDING', updated_at = now() WHERE id = $1 AND status = 'SCHEDULED'`, [occurrence.campaignId]);
    const campaign = await this.dataSource.manager.findOneByOrFail(ReminderCampaignEntity, { id: occurrence.campaignId });
    const unit = await this.dataSource.manager.findOneByOrFail(UnitEntity, { id: campaign.unitId });
    const occasion = occurrence.occasionId ? await this.dataSource.manager.findOneBy(OccasionEntity, { id: occurrence.occasionId }) : null;
    if (occurrence.occasionId && (!occasion || occasion.cancelledAt)) {
      const planned = await this.dataSource.transaction(async (m) => {
        await m.query(`UPDATE reminder_occurrences SET status = 'CANCELLED', cancelled_at = now() WHERE id = $1`, [occurrenceId]);
        return this.settleCampaign(m, campaign.id, now);
      });
      await this.planner.enqueue(planned, now);
      return { started: false, recipients: 0 };
    }
    let recipients = 0;
    for (;;) {
      const batch = await this.fanOutBatch(occurrence, campaign, unit, occasion?.userId ?? null);
      recipients += batch.recipients;
      await this.enqueueSends(occurrenceId, batch.pending, now);
      if (batch.done) break;
    }
    // an earlier run may have committed batches and died before enqueueing their sends
    if (started[0].resumed) await this.sweep(occurrenceId, now);
    await this.finishIfDone(occurrenceId, now);
    return { started: true, recipients };
  }

  private async fanOutBatch(
    occurrence: ReminderOccurrenceEntity,
    campaign: ReminderCampaignEntity,
    unit: UnitEntity,
    onlyUserId: string | null,
  ): Promise<{ done: boolean; recipients: number; pending: Map<ExternalChannel, string[]> }> {
    return this.dataSource.transaction(async (m) => {
      const [state] = (await m.query(`SELECT status, fanout_cursor AS cursor, fanout_done AS done FROM reminder_occurrences WHERE id = $1 FOR UPDATE`, [occurrence.id])) as {
        status: string;
        cursor: string | null;
        done: boolean;
      }[];
      const pending = new Map<ExternalChannel, string[]>();
      if (state.status !== 'SENDING' || state.done) return { done: true, recipients: 0, pending };
      const params: unknown[] = [];
      const where = audienceCondition(
        { scopePath: unit.path, tiers: campaign.audienceTiers, unitIds: campaign.audienceUnitIds, includeSubunits: campaign.includeSubunits, leadingOnly: campaign.leadingOnly, onlyUserId },
        params,
      );
      params.push(state.cursor ?? '00000000-0000-0000-0000-000000000000');
      const users = (await m.query(
        `SELECT u.id, u.name, un.name AS unit, u.phone, u.email, u.spouse_phone, u.spouse_email, ${HAS_SPOUSE_SQL} AS has_spouse
           FROM users u JOIN units un ON un.id = u.unit_id
          WHERE ${where} AND u.id > $${params.length}::uuid
          ORDER BY u.id LIMIT ${FANOUT_BATCH}`,
        params,
      )) as AudienceRow[];

      const rows = { user: [] as string[], recipient: [] as string[], channel: [] as string[], address: [] as (string | null)[], status: [] as string[], reason: [] as (string | null)[], notification: [] as (string | null)[] };
      const notes = { id: [] as string[], user: [] as string[], title: [] as string[], body: [] as string[] };
      const push = (user: string, recipient: Recipient, channel: DeliveryChannel, address: string | null, notification: string | null = null) => {
        rows.user.push(user);
        rows.recipient.push(recipient);
        rows.channel.push(channel);
        rows.address.push(address);
        const missing = channel !== DeliveryChannel.IN_APP && !address;
        rows.status.push(channel === DeliveryChannel.IN_APP ? DeliveryStatus.SENT : missing ? DeliveryStatus.SKIPPED : DeliveryStatus.PENDING);
        rows.reason.push(missing ? (channel === DeliveryChannel.EMAIL ? SkipReason.NO_EMAIL : SkipReason.NO_PHONE) : null);
        rows.notification.push(notification);
      };
      for (const u of users) {
        for (const channel of campaign.channels) {
          if (channel === DeliveryChannel.IN_APP) {
            const id = randomUUID();
            const values = this.values(campaign, occurrence, unit, u);
            notes.id.push(id);
            notes.user.push(u.id);
            notes.title.push(renderText(campaign.title, values).slice(0, 200));
            notes.body.push(renderText(campaign.bodyText, values));
            push(u.id, Recipient.CADRE, channel, null, id);
          } else {
            push(u.id, Recipient.CADRE, channel, channel === DeliveryChannel.EMAIL ? u.email : u.phone);
            if (campaign.includeSpouses && u.has_spouse) push(u.id, Recipient.SPOUSE, channel, channel === DeliveryChannel.EMAIL ? u.spouse_email : u.spouse_phone);
          }
        }
      }
      if (rows.user.length) {
        const inserted = (await m.query(
          `INSERT INTO reminder_deliveries (occurrence_id, user_id, recipient, channel, address, status, reason, notification_id, sent_at)
           SELECT $1, r.user_id, r.recipient, r.channel, r.address, r.status, r.reason, r.notification_id, CASE WHEN r.status = 'SENT' THEN now() END
             FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::uuid[])
                  AS r(user_id, recipient, channel, address, status, reason, notification_id)
           ON CONFLICT (occurrence_id, user_id, recipient, channel) DO NOTHING
           RETURNING id, channel, status, notification_id`,
          [occurrence.id, rows.user, rows.recipient, rows.channel, rows.address, rows.status, rows.reason, rows.notification],
        )) as { id: string; channel: DeliveryChannel; status: DeliveryStatus; notification_id: string | null }[];
        const delivered = inserted.filter((r) => r.notification_id).map((r) => r.notification_id);
        if (delivered.length) {
          await m.query(
            `INSERT INTO notifications (id, user_id, kind, title, body, data)
             SELECT n.id, n.user_id, 'REMINDER', n.title, n.body, jsonb_build_object('campaignId', $5::text, 'occurrenceId', $6::text)
               FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[]) AS n(id, user_id, title, body)
              WHERE n.id = ANY($7::uuid[])`,
            [notes.id, notes.user, notes.title, notes.body, campaign.id, occurrence.id, delivered],
          );
        }
        for (const r of inserted) {
          if (r.status !== DeliveryStatus.PENDING) continue;
          const channel = r.channel as ExternalChannel;
          if (!pending.has(channel)) pending.set(channel, []);
          pending.get(channel)!.push(String(r.id));
        }
      }
      const done = users.length < FANOUT_BATCH;
      await m.query(`UPDATE reminder_occurrences SET fanout_cursor = coalesce($2, fanout_cursor), fanout_done = $3 WHERE id = $1`, [occurrence.id, users.at(-1)?.id ?? null, done]);
      return { done, recipients: users.length, pending };
    });
  }

  /** Send jobs for ledger rows, in ranges, delayed past quiet hours; the ids make a repeated enqueue a no-op. */
  private async enqueueSends(occurrenceId: string, pending: Map<ExternalChannel, string[]>, now: Date): Promise<void> {
    const delay = Math.max(0, this.externalSendTime(now).getTime() - now.getTime());
    const jobs: { input: SendRange; options: { jobId: string; delay: number } }[] = [];
    for (const [channel, ids] of pending) {
      for (let i = 0; i < ids.length; i += SEND_RANGE) {
        const slice = ids.slice(i, i + SEND_RANGE);
        jobs.push({ input: { occurrenceId, channel, fromId: slice[0], toId: slice.at(-1)! }, options: { jobId: `send-${occurrenceId}-${channel}-${slice[0]}`, delay } });
      }
    }
    await this.jobs.addBulk(JobName.SEND_REMINDERS, jobs);
  }

  /** Enqueues sends for every row still pending (after a fan-out that had died part-way). */
  private async sweep(occurrenceId: string, now: Date): Promise<void> {
    const rows = (await this.dataSource.query(`SELECT id, channel FROM reminder_deliveries WHERE occurrence_id = $1 AND status = 'PENDING' ORDER BY id`, [occurrenceId])) as {
      id: string;
      channel: ExternalChannel;
    }[];
    const pending = new Map<ExternalChannel, string[]>();
    for (const r of rows) {
      if (!pending.has(r.channel)) pending.set(r.channel, []);
      pending.get(r.channel)!.push(String(r.id));
    }
    await this.enqueueSends(occurrenceId, pending, now);
  }

  /**
   * Sends a range of ledger rows. Each row is claimed in the database before
   * it is sent and its outcome recorded as soon as the provider answers.
   */
  async sendRange(range: SendRange, now: Date): Promise<SendOutcome> {
    const occurrence = await this.dataSource.manager.findOneBy(ReminderOccurrenceEntity, { id: range.occurrenceId });
    const outcome: SendOutcome = { sent: 0, failed: 0, open: 0, cancelled: false };
    if (!occurrence || occurrence.status === 'CANCELLED') {
      await this.skipCancelled(range);
      return { ...outcome, cancelled: true };
    }
    const campaign = await this.dataSource.manager.findOneByOrFail(ReminderCampaignEntity, { id: occurrence.campaignId });
    const unit = await this.dataSource.manager.findOneByOrFail(UnitEntity, { id: campaign.unitId });
    const sender = range.channel === DeliveryChannel.EMAIL ? this.email : this.sms;
    const concurrency = this.config.get('REMINDER_SEND_CONCURRENCY');
    const token = randomUUID();
    const stillSending = this.sendingCheck(range.occurrenceId);
    let cursor = BigInt(range.fromId) - 1n;
    while (!outcome.cancelled) {
      const claimed = await this.claim(range, cursor.toString(), token, concurrency * 2);
      if (!claimed.length) break;
      cursor = BigInt(claimed.at(-1)!.id);
      let next = 0;
      // `concurrency` senders share the claimed rows; each records its row's outcome at once
      await Promise.all(
        Array.from({ length: Math.min(concurrency, claimed.length) }, async () => {
          while (next < claimed.length) {
            const row = claimed[next++];
            await this.throttle(range.channel);
            // a cancellation stops every message not yet handed to the provider
            if (!(await stillSending())) {
              outcome.cancelled = true;
              await this.record(row.id, token, `status = 'SKIPPED', reason = $3`, [SkipReason.CANCELLED]);
              continue;
            }
            const result = await this.sendOne(sender, range.channel, campaign, occurrence, unit, row, token);
            outcome[result]++;
          }
        }),
      );
    }
    if (outcome.cancelled) await this.skipCancelled(range);
    const [{ open }] = (await this.dataSource.query(
      `SELECT count(*)::int AS open FROM reminder_deliveries WHERE occurrence_id = $1 AND channel = $2 AND id BETWEEN $3 AND $4 AND status = 'PENDING'`,
      [range.occurrenceId, range.channel, range.fromId, range.toId],
    )) as { open: number }[];
    outcome.open = open;
    await this.finishIfDone(range.occurrenceId, now);
    return outcome;
  }

  /** Whether the occurrence is still sending, read at most every 250 ms. */
  private sendingCheck(occurrenceId: string): () => Promise<boolean> {
    let checkedAt = 0;
    let sending: Promise<boolean> = Promise.resolve(true);
    return () => {
      if (Date.now() - checkedAt >= 250) {
        checkedAt = Date.now();
        sending = this.dataSource
          .query(`SELECT status FROM reminder_occurrences WHERE id = $1`, [occurrenceId])
          .then((rows: { status: string }[]) => rows[0]?.status === 'SENDING');
      }
      return sending;
    };
  }

  /** Claims the next pending rows of the range that no live worker holds, while the occurrence is sending. */
  private async claim(range: SendRange, after: string, token: string, limit: number): Promise<ClaimedRow[]> {
    const [rows] = (await this.dataSource.query(
      `UPDATE reminder_deliveries d
          SET claim_token = $6, claimed_at = now(), attempts = d.attempts + 1, updated_at = now()
         FROM (SELECT id FROM reminder_deliveries
                WHERE occurrence_id = $1 AND channel = $2 AND status = 'PENDING' AND id > $3 AND id <= $4
                  AND (claim_token IS NULL OR claimed_at < now() - make_interval(secs => $5))
                ORDER BY id LIMIT $7 FOR UPDATE SKIP LOCKED) pick,
              users u JOIN units un ON un.id = u.unit_id
        WHERE d.id = pick.id AND u.id = d.user_id
          AND EXISTS (SELECT 1 FROM reminder_occurrences o WHERE o.id = $1 AND o.status = 'SENDING')
        RETURNING d.id, d.address, u.name, un.name AS unit`,
      [range.occurrenceId, range.channel, after, range.toId, this.config.get('REMINDER_CLAIM_LEASE_SECONDS'), token, limit],
    )) as [ClaimedRow[], number];
    return rows.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
  }

  private async sendOne(
    sender: MessageSender,
    channel: ExternalChannel,
    campaign: ReminderCampaignEntity,
    occurrence: ReminderOccurrenceEntity,
    unit: UnitEntity,
    row: ClaimedRow,
    token: string,
  ): Promise<'sent' | 'failed' | 'open'> {
    const values = this.values(campaign, occurrence, unit, row);
    const text = renderText(campaign.bodyText, values);
    try {
      const result = await sender.send({
        // the occurrence's uuid makes the key unique across databases and environments sharing one provider account
        deliveryId: `${occurrence.id}-${row.id}`,
        to: row.address,
        subject: renderText(campaign.title, values),
        text,
        html: channel === DeliveryChannel.EMAIL && campaign.bodyHtml ? renderHtml(campaign.bodyHtml, values) : undefined,
      });
      await this.record(row.id, token, `status = 'SENT', sent_at = now(), provider_message_id = $3, reason = NULL, last_error = NULL`, [result.providerMessageId]);
      return 'sent';
    } catch (error) {
      if (error instanceof PermanentDeliveryError) {
        await this.record(row.id, token, `status = 'FAILED', reason = $3, last_error = $4`, [error.reason, error.message.slice(0, 1000)]);
        return 'failed';
      }
      const reason = error instanceof TransientDeliveryError ? error.reason : TransientFailureReason.PROVIDER_ERROR;
      this.logger.warn(`delivery ${row.id} over ${channel} failed for now (${reason}): ${(error as Error).message}`);
      // released for the job's next attempt (exponential backoff)
      await this.record(row.id, token, `reason = $3, last_error = $4`, [reason, (error as Error).message.slice(0, 1000)]);
      return 'open';
    }
  }

  /** Writes a row's outcome and releases its claim, if the claim is still this sender's. */
  private async record(id: string, token: string, set: string, params: unknown[]): Promise<void> {
    await this.dataSource.query(`UPDATE reminder_deliveries SET ${set}, claim_token = NULL, updated_at = now() WHERE id = $1 AND claim_token = $2`, [id, token, ...params]);
  }

  /** Waits for a slot of the channel's cluster-wide rate. */
  private async throttle(channel: ExternalChannel): Promise<void> {
    for (;;) {
      try {
        await this.limiters[channel].consume(channel, 1);
        return;
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        await new Promise((r) => setTimeout(r, Math.max(rejection.msBeforeNext, 5)));
      }
    }
  }

  /** After the last attempt: rows still pending in the range fail with their last reason. */
  async failOpen(range: SendRange, message: string): Promise<number> {
    const [, count] = (await this.dataSource.query(
      `UPDATE reminder_deliveries SET status = 'FAILED', reason = coalesce(reason, 'PROVIDER_ERROR'), last_error = coalesce(last_error, $5), claim_token = NULL, updated_at = now()
        WHERE occurrence_id = $1 AND channel = $2 AND id BETWEEN $3 AND $4 AND status = 'PENDING'`,
      [range.occurrenceId, range.channel, range.fromId, range.toId, message.slice(0, 1000)],
    )) as [unknown, number];
    await this.finishIfDone(range.occurrenceId, new Date());
    return count;
  }

  /** Skips the range's rows that no live sender holds (a held row is being sent and will be recorded by its sender). */
  private async skipCancelled(range: SendRange): Promise<void> {
    await this.dataSource.query(
      `UPDATE reminder_deliveries SET status = 'SKIPPED', reason = $5, claim_token = NULL, updated_at = now()
        WHERE occurrence_id = $1 AND channel = $2 AND id BETWEEN $3 AND $4 AND status = 'PENDING'
          AND (claim_token IS NULL OR claimed_at < now() - make_interval(secs => $6))`,
      [range.occurrenceId, range.channel, range.fromId, range.toId, SkipReason.CANCELLED, this.config.get('REMINDER_CLAIM_LEASE_SECONDS')],
    );
  }

  /**
   * SENDING -> SENT once the fan-out is done and no row is pending; then the
   * campaign: a yearly one plans next year's occurrence (its date recomputed)
   * and is SCHEDULED again, an occasion campaign waits for the next report.
   */
  async finishIfDone(occurrenceId: string, now: Date): Promise<boolean> {
    // the occurrence and its campaign change together: nobody sees a sent occurrence of a campaign still SENDING
    const planned = await this.dataSource.transaction(async (m) => {
      // campaign first, then occurrence: the order cancelling takes its locks in
      await m.query(`SELECT 1 FROM reminder_campaigns WHERE id = (SELECT campaign_id FROM reminder_occurrences WHERE id = $1) FOR UPDATE`, [occurrenceId]);
      const [finished] = (await m.query(
        `UPDATE reminder_occurrences o SET status = 'SENT', finished_at = now()
          WHERE o.id = $1 AND o.status = 'SENDING' AND o.fanout_done
            AND NOT EXISTS (SELECT 1 FROM reminder_deliveries d WHERE d.occurrence_id = o.id AND d.status = 'PENDING')
          RETURNING o.campaign_id`,
        [occurrenceId],
      )) as [{ campaign_id: string }[], number];
      return finished.length ? this.settleCampaign(m, finished[0].campaign_id, now) : null;
    });
    if (planned) await this.planner.enqueue(planned, now);
    return planned !== null;
  }

  private async settleCampaign(m: EntityManager, campaignId: string, now: Date): Promise<ScheduledOccurrence[]> {
    const campaign = await m.findOne(ReminderCampaignEntity, { where: { id: campaignId }, lock: { mode: 'pessimistic_write' } });
    if (!campaign || campaign.status === CampaignStatus.CANCELLED) return [];
    const [{ sending }] = (await m.query(`SELECT count(*)::int AS sending FROM reminder_occurrences WHERE campaign_id = $1 AND status = 'SENDING'`, [campaignId])) as { sending: number }[];
    if (sending > 0) return [];
    const planned: ScheduledOccurrence[] = [];
    if (campaign.repeatYearly && campaign.triggerKind !== TriggerKind.OCCASION) {
      const next = await this.planner.nextOf(m, campaign, now);
      const stored = next && (await this.planner.store(m, campaign.id, next));
      if (stored) planned.push(stored);
    }
    const [{ waiting }] = (await m.query(`SELECT count(*)::int AS waiting FROM reminder_occurrences WHERE campaign_id = $1 AND status = 'SCHEDULED'`, [campaignId])) as { waiting: number }[];
    campaign.status = waiting > 0 || campaign.triggerKind === TriggerKind.OCCASION ? CampaignStatus.SCHEDULED : CampaignStatus.SENT;
    await m.save(ReminderCampaignEntity, campaign);
    return planned;
  }

  private values(campaign: ReminderCampaignEntity, occurrence: ReminderOccurrenceEntity, unit: UnitEntity, person: { name: string; unit: string }): TemplateValues {
    return { name: person.name, unit: person.unit, festival: occurrence.eventName, date: chineseDate(occurrence.eventDate), year: occurrence.eventDate.slice(0, 4), sender: unit.name };
  }
}
