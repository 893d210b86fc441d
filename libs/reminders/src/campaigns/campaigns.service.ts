import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@qinglian/audit';
import { Actor, BadUserInputException, Clock, ConflictException, decodeCursor, FieldProblem, ForbiddenException, hasRole, NotFoundException, Page, PageRequest, pageSize, toPage } from '@qinglian/common';
import { AppConfig } from '@qinglian/config';
import { CadreTier, UnitEntity, UnitsService } from '@qinglian/identity';
import { DataSource, EntityManager } from 'typeorm';
import { FestivalKey, FESTIVAL_NAMES } from '../calendar/festival-calendar';
import { DeliveryChannel } from '../channels/channel';
import { CampaignStatus, OCCASION_NAMES, OccasionKind, OccurrenceStatus, SkipReason, TriggerKind } from '../reminder.enums';
import { CustomDateEntity, OccasionEntity, ReminderCampaignEntity, ReminderOccurrenceEntity } from '../reminder.entities';
import { AudienceSpec, audienceCondition, HAS_SPOUSE_SQL } from './audience';
import { ReminderPlanner, ScheduledOccurrence } from './reminder-planner';
import { afterQuietHours, parseQuietHours, shanghaiDate } from './schedule';
import { chineseDate, renderHtml, renderText, smsSegments, templateProblems, TemplateValues } from './template';

/** The editable fields of a campaign; on update, what is left out stays as it is. */
export interface CampaignInput {
  name?: string;
  unitId?: string;
  triggerKind?: TriggerKind;
  festivalKey?: FestivalKey | null;
  customDateId?: string | null;
  sendDate?: string | null;
  occasionKinds?: OccasionKind[];
  daysBefore?: number;
  occasionOffsetDays?: number | null;
  sendTime?: string;
  repeatYearly?: boolean;
  channels?: DeliveryChannel[];
  audienceTiers?: CadreTier[];
  audienceUnitIds?: string[];
  includeSubunits?: boolean;
  leadingOnly?: boolean;
  includeSpouses?: boolean;
  title?: string;
  bodyText?: string;
  bodyHtml?: string | null;
}

export interface ChannelAudience {
  channel: DeliveryChannel;
  /** People this channel would address (cadres, plus spouses on e-mail and SMS when included). */
  recipients: number;
  /** Of those, the ones with an address on record. */
  reachable: number;
  /** Counted, not dropped: they show as skipped in the statistics. */
  missingAddress: number;
}

export interface CampaignPreview {
  title: string;
  text: string;
  html: string | null;
  smsSegments: number;
  recipientName: string;
  eventName: string;
  eventDate: string;
  /** When the next occurrence goes out (null for occasion campaigns, which follow reports). */
  sendAt: Date | null;
  /** When its e-mail and SMS go out, after quiet hours. */
  externalSendAt: Date | null;
  cadres: number;
  spouses: number;
  channels: ChannelAudience[];
}

export interface ChannelStats {
  channel: DeliveryChannel;
  targeted: number;
  sent: number;
  failed: number;
  pending: number;
  skipped: number;
}

export interface ReasonCount {
  channel: DeliveryChannel;
  status: string;
  reason: string;
  count: number;
}

export interface OccurrenceStats {
  targeted: number;
  sent: number;
  failed: number;
  pending: number;
  skipped: number;
  acknowledged: number;
  /** Acknowledged in-app reminders over those delivered; null before any. */
  acknowledgementRate: number | null;
  channels: ChannelStats[];
  reasons: ReasonCount[];
}

export interface CampaignFilter {
  status?: CampaignStatus;
  triggerKind?: TriggerKind;
}

export interface CancelOutcome {
  campaign: ReminderCampaignEntity;
  /** Messages that had gone out when the campaign was cancelled. */
  sent: number;
  /** Messages that will now not be sent. */
  stopped: number;
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Reminder campaigns: what administrators write, check and schedule. Sending
 * is the worker's (ReminderDeliveryService); this service plans occurrences
 * and their delayed jobs, and reports what went out.
 */
@Injectable()
export class CampaignsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly units: UnitsService,
    private readonly audit: AuditService,
    private readonly planner: ReminderPlanner,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async create(actor: Actor, input: CampaignInput): Promise<ReminderCampaignEntity> {
    this.requireAdmin(actor);
    return this.dataSource.transaction(async (m) => {
      const unit = await this.units.requireInScope(actor, input.unitId ?? actor.unitId, m, 'unitId');
      const campaign = this.draft(m, unit.id, input, actor.id);
      await this.validate(m, campaign, unit);
      const saved = await m.save(ReminderCampaignEntity, campaign);
      await this.audit.record(m, actor, [{ action: 'reminder.create', entityType: 'ReminderCampaign', entityId: saved.id, scopePath: unit.path, after: { name: saved.name, trigger: saved.triggerKind } }]);
      return saved;
    });
  }

  /**
   * Edits a draft, or a scheduled campaign, whose occurrences are then planned
   * again (moved, or cancelled and replaced). Once sending has started the
   * campaign can only be cancelled.
   */
  async update(actor: Actor, id: string, input: CampaignInput): Promise<ReminderCampaignEntity> {
    const now = this.clock.now();
    const { campaign, moved } = await this.dataSource.transaction(async (m) => {
      const { record: campaign, unit } = await this.requireCampaign(actor, m, id, true);
      if (campaign.status !== CampaignStatus.DRAFT && campaign.status !== CampaignStatus.SCHEDULED) {
        throw new ConflictException(`Campaign ${id} is ${campaign.status}: only a draft or a scheduled campaign can be edited`, { status: campaign.status });
      }
      const before = { ...campaign };
      for (const [key, value] of Object.entries(input)) {
        if (value !== undefined && key !== 'unitId') (campaign as unknown as Record<string, unknown>)[key] = typeof value === 'string' && key === 'name' ? value.trim() : value;
      }
      if (input.unitId && input.unitId !== campaign.unitId) throw BadUserInputException.field('unitId', 'the owning unit of a campaign cannot change; create a new campaign');
      await this.validate(m, campaign, unit);
      const saved = await m.save(ReminderCampaignEntity, campaign);
      const moved = campaign.status === CampaignStatus.SCHEDULED ? await this.replan(m, saved, now) : { added: [], removed: [] };
      await this.audit.record(m, actor, [{ action: 'reminder.update', entityType: 'ReminderCampaign', entityId: id, scopePath: unit.path, before: this.auditView(before), after: this.auditView(saved) }]);
      return { campaign: saved, moved };
    });
    await this.planner.dequeue(moved.removed);
    await this.planner.enqueue(moved.added, now);
    return campaign;
  }

  /** DRAFT -> SCHEDULED: plans the next occurrence (or, for occasions, those of occasions already reported and still ahead). */
  async schedule(actor: Actor, id: string): Promise<ReminderCampaignEntity> {
    const now = this.clock.now();
    const { campaign, added } = await this.dataSource.transaction(async (m) => {
      const { record: campaign, unit } = await this.requireCampaign(actor, m, id, true);
      if (campaign.status !== CampaignStatus.DRAFT) throw new ConflictException(`Campaign ${id} is ${campaign.status}: only a draft can be scheduled`, { status: campaign.status });
      await this.validate(m, campaign, unit);
      campaign.status = CampaignStatus.SCHEDULED;
      const saved = await m.save(ReminderCampaignEntity, campaign);
      const { added } = await this.replan(m, saved, now);
      await this.audit.record(m, actor, [{ action: 'reminder.schedule', entityType: 'ReminderCampaign', entityId: id, scopePath: unit.path, after: { status: saved.status, occurrences: added.map((o) => o.sendAt) } }]);
      return { campaign: saved, added };
    });
    await this.planner.enqueue(added, now);
    return campaign;
  }

  /**
   * Cancels a campaign. Occurrences not yet started are cancelled; one that is
   * sending stops: messages not yet claimed by a sender are skipped, and the
   * answer says how many had gone out.
   */
  async cancel(actor: Actor, id: string): Promise<CancelOutcome> {
    const lease = this.config.get('REMINDER_CLAIM_LEASE_SECONDS');
    const { outcome, removed } = await this.dataSource.transaction(async (m) => {
      const { record: campaign, unit } = await this.requireCampaign(actor, m, id, true);
      if (campaign.status === CampaignStatus.CANCELLED || campaign.status === CampaignStatus.SENT) {
        throw new ConflictException(`Campaign ${id} is already ${campaign.status}`, { status: campaign.status });
      }
      const removed = await this.planner.cancelScheduled(m, id);
      const sending = (await m.query(
        `UPDATE reminder_occurrences SET status = 'CANCELLED', cancelled_at = now() WHERE campaign_id = $1 AND status = 'SENDING' RETURNING id`,
        [id],
      ))[0] as { id: string }[];
      let stopped = 0;
      if (sending.length) {
        // rows a live sender has claimed are left to it: they are going out now
        const [, count] = (await m.query(
          `UPDATE reminder_deliveries SET status = 'SKIPPED', reason = $3, claim_token = NULL, updated_at = now()
            WHERE occurrence_id = ANY($1::uuid[]) AND status = 'PENDING'
              AND (claim_token IS NULL OR claimed_at < now() - make_interval(secs => $2))`,
          [sending.map((s) => s.id), lease, SkipReason.CANCELLED],
        )) as [unknown, number];
        stopped = count;
      }
      const [{ sent }] = (await m.query(
        `SELECT count(*)::int AS sent FROM reminder_deliveries d JOIN reminder_occurrences o ON o.id = d.occurrence_id WHERE o.campaign_id = $1 AND d.status = 'SENT'`,
        [id],
      )) as { sent: number }[];
      const before = campaign.status;
      campaign.status = CampaignStatus.CANCELLED;
      const saved = await m.save(ReminderCampaignEntity, campaign);
      await this.audit.record(m, actor, [{ action: 'reminder.cancel', entityType: 'ReminderCampaign', entityId: id, scopePath: unit.path, before: { status: before }, after: { status: saved.status, sent, stopped } }]);
      return { outcome: { campaign: saved, sent, stopped }, removed };
    });
    await this.planner.dequeue(removed);
    return outcome;
  }

  async get(actor: Actor, id: string): Promise<ReminderCampaignEntity> {
    return (await this.requireCampaign(actor, this.dataSource.manager, id)).record;
  }

  async list(actor: Actor, filter: CampaignFilter, page: PageRequest): Promise<Page<ReminderCampaignEntity>> {
    this.requireAdmin(actor);
    const size = pageSize(page);
    const qb = this.dataSource
      .getRepository(ReminderCampaignEntity)
      .createQueryBuilder('c')
      .innerJoin(UnitEntity, 'cu', 'cu.id = c.unit_id')
      .where('cu.path LIKE :scope', { scope: `${actor.scopePath}%` });
    if (filter.status) qb.andWhere('c.status = :status', { status: filter.status });
    if (filter.triggerKind) qb.andWhere('c.trigger_kind = :kind', { kind: filter.triggerKind });
    const totalCount = await qb.clone().getCount();
    if (page.after) {
      const cursor = decodeCursor(page.after);
      qb.andWhere('(c.created_at, c.id) < (:at::timestamptz, :id::uuid)', { at: cursor.sort, id: cursor.id });
    }
    const rows = await qb.orderBy('c.created_at', 'DESC').addOrderBy('c.id', 'DESC').limit(size + 1).getMany();
    return toPage(rows, size, totalCount, (c) => ({ sort: c.createdAt.toISOString(), id: c.id }));
  }

  async occurrences(campaignIds: readonly string[]): Promise<ReminderOccurrenceEntity[]> {
    if (!campaignIds.length) return [];
    return this.dataSource
      .getRepository(ReminderOccurrenceEntity)
      .createQueryBuilder('o')
      .where('o.campaign_id = ANY(:ids)', { ids: [...campaignIds] })
      .orderBy('o.send_at', 'DESC')
      .getMany();
  }

  /** Preview of a saved campaign, rendered for one recipient (by default the first cadre of its audience). */
  async preview(actor: Actor, id: string, recipientId?: string | null): Promise<CampaignPreview> {
    const { record, unit } = await this.requireCampaign(actor, this.dataSource.manager, id);
    return this.previewOf(actor, record, unit, recipientId ?? null);
  }

  /** Live preview of unsaved campaign fields (the editor's preview pane). */
  async previewDraft(actor: Actor, input: CampaignInput, recipientId?: string | null): Promise<CampaignPreview> {
    this.requireAdmin(actor);
    const m = this.dataSource.manager;
    const unit = await this.units.requireInScope(actor, input.unitId ?? actor.unitId, m, 'unitId');
    const draft = this.draft(m, unit.id, input, actor.id);
    await this.validate(m, draft, unit);
    return this.previewOf(actor, draft, unit, recipientId ?? null);
  }

  /** Counts per channel, from the same audience condition the fan-out uses. */
  async audience(spec: AudienceSpec, channels: DeliveryChannel[], includeSpouses: boolean): Promise<{ cadres: number; spouses: number; channels: ChannelAudience[] }> {
    const params: unknown[] = [];
    const where = audienceCondition(spec, params);
    const [row] = (await this.dataSource.query(
      `SELECT count(*)::int AS cadres,
              count(*) FILTER (WHERE u.email IS NOT NULL)::int AS with_email,
              count(*) FILTER (WHERE u.phone IS NOT NULL)::int AS with_phone,
              count(*) FILTER (WHERE ${HAS_SPOUSE_SQL})::int AS spouses,
              count(*) FILTER (WHERE u.spouse_email IS NOT NULL)::int AS spouse_email,
              count(*) FILTER (WHERE u.spouse_phone IS NOT NULL)::int AS spouse_phone
         FROM users u JOIN units un ON un.id = u.unit_id WHERE ${where}`,
      params,
    )) as { cadres: number; with_email: number; with_phone: number; spouses: number; spouse_email: number; spouse_phone: number }[];
    const spouses = includeSpouses ? row.spouses : 0;
    const result = channels.map((channel): ChannelAudience => {
      if (channel === DeliveryChannel.IN_APP) return { channel, recipients: row.cadres, reachable: row.cadres, missingAddress: 0 };
      const reachable = channel === DeliveryChannel.EMAIL ? row.with_email + (includeSpouses ? row.spouse_email : 0) : row.with_phone + (includeSpouses ? row.spouse_phone : 0);
      const recipients = row.cadres + spouses;
      return { channel, recipients, reachable, missingAddress: recipients - reachable };
    });
    return { cadres: row.cadres, spouses, channels: result };
  }

  /** Delivery statistics of occurrences, by channel and by reason (one query for a list of occurrences). */
  async stats(occurrenceIds: readonly string[]): Promise<Map<string, OccurrenceStats>> {
    const result = new Map<string, OccurrenceStats>();
    for (const id of occurrenceIds) result.set(id, emptyStats());
    if (!occurrenceIds.length) return result;
    const rows = (await this.dataSource.query(
      `SELECT d.occurrence_id AS id, d.channel, d.status, coalesce(d.reason, '') AS reason, count(*)::int AS count,
              count(n.acknowledged_at)::int AS acknowledged
         FROM reminder_deliveries d LEFT JOIN notifications n ON n.id = d.notification_id
        WHERE d.occurrence_id = ANY($1::uuid[])
        GROUP BY 1, 2, 3, 4`,
      [[...occurrenceIds]],
    )) as { id: string; channel: DeliveryChannel; status: string; reason: string; count: number; acknowledged: number }[];
    const inAppSent = new Map<string, number>();
    for (const r of rows) {
      const s = result.get(r.id)!;
      let ch = s.channels.find((c) => c.channel === r.channel);
      if (!ch) s.channels.push((ch = { channel: r.channel, targeted: 0, sent: 0, failed: 0, pending: 0, skipped: 0 }));
      const key = r.status.toLowerCase() as 'sent' | 'failed' | 'pending' | 'skipped';
      ch[key] += r.count;
      ch.targeted += r.count;
      s[key] += r.count;
      s.targeted += r.count;
      s.acknowledged += r.acknowledged;
      if (r.channel === DeliveryChannel.IN_APP && r.status === 'SENT') inAppSent.set(r.id, (inAppSent.get(r.id) ?? 0) + r.count);
      if (r.reason) s.reasons.push({ channel: r.channel, status: r.status, reason: r.reason, count: r.count });
    }
    for (const [id, s] of result) {
      const delivered = inAppSent.get(id) ?? 0;
      s.acknowledgementRate = delivered ? Math.round((s.acknowledged / delivered) * 10_000) / 10_000 : null;
      s.channels.sort((a, b) => a.channel.localeCompare(b.channel));
    }
    return result;
  }

  /** An occasion was reported: the scheduled occasion campaigns whose audience includes the cadre plan a reminder for it. */
  async planForOccasion(m: EntityManager, occasion: OccasionEntity, now: Date): Promise<ScheduledOccurrence[]> {
    const campaigns = await m
      .getRepository(ReminderCampaignEntity)
      .createQueryBuilder('c')
      .where(`c.trigger_kind = 'OCCASION' AND c.status IN ('SCHEDULED', 'SENDING') AND :kind = ANY(c.occasion_kinds)`, { kind: occasion.kind })
      .getMany();
    const planned: ScheduledOccurrence[] = [];
    for (const c of campaigns) {
      if (!(await this.inAudience(m, c, occasion.userId))) continue;
      const o = await this.planner.storeForOccasion(m, c, occasion, now);
      if (o) planned.push(o);
    }
    return planned;
  }

  private async inAudience(m: EntityManager, c: ReminderCampaignEntity, userId: string): Promise<boolean> {
    const unit = await m.findOneByOrFail(UnitEntity, { id: c.unitId });
    const params: unknown[] = [];
    const where = audienceCondition({ ...this.specOf(c, unit), onlyUserId: userId }, params);
    const rows = (await m.query(`SELECT 1 FROM users u JOIN units un ON un.id = u.unit_id WHERE ${where}`, params)) as unknown[];
    return rows.length > 0;
  }

  specOf(c: ReminderCampaignEntity, unit: UnitEntity): AudienceSpec {
    return { scopePath: unit.path, tiers: c.audienceTiers, unitIds: c.audienceUnitIds, includeSubunits: c.includeSubunits, leadingOnly: c.leadingOnly };
  }

  /** Plans the occurrences of a scheduled campaign after a change: returns jobs to add and to remove. */
  private async replan(m: EntityManager, c: ReminderCampaignEntity, now: Date): Promise<{ added: ScheduledOccurrence[]; removed: ScheduledOccurrence[] }> {
    if (c.triggerKind === TriggerKind.OCCASION) {
      const removed = await this.planner.cancelScheduled(m, c.id);
      // occasions already reported whose reminder is still ahead (late ones are not reminded of when a campaign starts)
      const occasions = await m
        .getRepository(OccasionEntity)
        .createQueryBuilder('o')
        .where('o.cancelled_at IS NULL AND o.kind = ANY(:kinds) AND o.date >= :today', { kinds: c.occasionKinds, today: shanghaiDate(now) })
        .getMany();
      const added: ScheduledOccurrence[] = [];
      for (const occasion of occasions) {
        if (c.occasionOffsetDays === null || !(await this.inAudience(m, c, occasion.userId))) continue;
        const o = await this.planner.storeForOccasion(m, c, occasion, now);
        if (o && new Date(o.sendAt).getTime() > now.getTime()) added.push(o);
      }
      return { added, removed };
    }
    const next = await this.planner.nextOf(m, c, now);
    if (!next) {
      throw BadUserInputException.field(
        'sendTime',
        c.repeatYearly ? 'no occurrence could be planned' : 'the send time of the coming event has passed: choose fewer days before, another date, or repeat yearly',
      );
    }
    const waiting = await m.getRepository(ReminderOccurrenceEntity).find({ where: { campaignId: c.id, status: OccurrenceStatus.SCHEDULED } });
    const removed: ScheduledOccurrence[] = waiting.map((o) => ({ id: o.id, version: o.version, sendAt: o.sendAt }));
    const others = waiting.filter((o) => o.occurrenceKey !== next.key).map((o) => o.id);
    if (others.length) await m.query(`UPDATE reminder_occurrences SET status = 'CANCELLED', cancelled_at = now() WHERE id = ANY($1::uuid[])`, [others]);
    const stored = await this.planner.store(m, c.id, next);
    if (!stored) throw new ConflictException(`The ${next.eventName} ${next.eventDate.slice(0, 4)} reminder of this campaign has already been sent`);
    return { added: [stored], removed };
  }

  private async previewOf(actor: Actor, c: ReminderCampaignEntity, unit: UnitEntity, recipientId: string | null): Promise<CampaignPreview> {
    const now = this.clock.now();
    const spec = this.specOf(c, unit);
    const params: unknown[] = [];
    const where = audienceCondition(spec, params);
    let recipient: { name: string; unit: string } | undefined;
    if (recipientId) {
      [recipient] = (await this.dataSource.query(
        `SELECT u.name, un.name AS unit FROM users u JOIN units un ON un.id = u.unit_id WHERE u.id = $1 AND un.path LIKE $2`,
        [recipientId, `${actor.scopePath}%`],
      )) as { name: string; unit: string }[];
      if (!recipient) throw new NotFoundException('User', recipientId);
    } else {
      [recipient] = (await this.dataSource.query(`SELECT u.name, un.name AS unit FROM users u JOIN units un ON un.id = u.unit_id WHERE ${where} ORDER BY un.path, u.name LIMIT 1`, params)) as {
        name: string;
        unit: string;
      }[];
    }
    recipient ??= { name: '张三', unit: unit.name };
    let eventName: string;
    let eventDate: string;
    let sendAt: Date | null = null;
    if (c.triggerKind === TriggerKind.OCCASION) {
      eventName = OCCASION_NAMES[c.occasionKinds[0]];
      eventDate = shanghaiDate(now);
    } else {
      const next = await this.planner.nextOf(this.dataSource.manager, c, now);
      const trigger = await this.planner.datedTrigger(this.dataSource.manager, c);
      eventName = next?.eventName ?? (trigger.kind === 'FESTIVAL' ? FESTIVAL_NAMES[trigger.festivalKey] : trigger.name);
      eventDate = next?.eventDate ?? (trigger.kind === 'DATE' ? trigger.date : shanghaiDate(now));
      sendAt = next?.sendAt ?? null;
    }
    const values: TemplateValues = { name: recipient.name, unit: recipient.unit, festival: eventName, date: chineseDate(eventDate), year: eventDate.slice(0, 4), sender: unit.name };
    const text = renderText(c.bodyText, values);
    const counts = await this.audience(spec, c.channels, c.includeSpouses);
    const external = c.channels.some((ch) => ch !== DeliveryChannel.IN_APP);
    return {
      title: renderText(c.title, values),
      text,
      html: c.bodyHtml ? renderHtml(c.bodyHtml, values) : null,
      smsSegments: smsSegments(`【${this.config.get('SMS_SIGN_NAME')}】${text}`),
      recipientName: recipient.name,
      eventName,
      eventDate,
      sendAt,
      externalSendAt: sendAt && external ? afterQuietHours(sendAt, parseQuietHours(this.config.get('REMINDER_QUIET_HOURS'))) : null,
      ...counts,
    };
  }

  /** A new campaign from the input, with the defaults for what is left out. */
  private draft(m: EntityManager, unitId: string, input: CampaignInput, createdBy: string): ReminderCampaignEntity {
    return m.create(ReminderCampaignEntity, {
      unitId,
      name: input.name?.trim() ?? '',
      triggerKind: input.triggerKind,
      festivalKey: input.festivalKey ?? null,
      customDateId: input.customDateId ?? null,
      sendDate: input.sendDate ?? null,
      occasionKinds: input.occasionKinds ?? [],
      daysBefore: input.daysBefore ?? 0,
      occasionOffsetDays: input.occasionOffsetDays ?? null,
      sendTime: input.sendTime ?? '09:00',
      repeatYearly: input.repeatYearly ?? false,
      channels: input.channels ?? [],
      audienceTiers: input.audienceTiers ?? [],
      audienceUnitIds: input.audienceUnitIds ?? [],
      includeSubunits: input.includeSubunits ?? true,
      leadingOnly: input.leadingOnly ?? false,
      includeSpouses: input.includeSpouses ?? false,
      title: input.title ?? '',
      bodyText: input.bodyText ?? '',
      bodyHtml: input.bodyHtml ?? null,
      status: CampaignStatus.DRAFT,
      createdBy,
    });
  }

  /** Every rule a campaign must meet, all reported at once with the field each concerns. */
  private async validate(m: EntityManager, c: ReminderCampaignEntity, unit: UnitEntity): Promise<void> {
    const problems: FieldProblem[] = [];
    const add = (field: string, message: string) => problems.push({ field, message });
    if (!c.name) add('name', 'is required');
    if (c.name.length > 200) add('name', 'must be at most 200 characters');
    if (!Object.values(TriggerKind).includes(c.triggerKind)) add('triggerKind', 'must be FESTIVAL, DATE or OCCASION');
    if (c.triggerKind === TriggerKind.FESTIVAL && !c.festivalKey) add('festivalKey', 'is required for a festival campaign');
    if (c.triggerKind === TriggerKind.DATE) {
      if (!c.customDateId === !c.sendDate) add('sendDate', 'give either a date or one of your custom dates (customDateId)');
      if (c.sendDate && (!DATE.test(c.sendDate) || Number.isNaN(Date.parse(c.sendDate)))) add('sendDate', 'must be a date YYYY-MM-DD');
      if (c.sendDate && c.repeatYearly) add('repeatYearly', 'a one-off date does not repeat: use a yearly custom date');
      if (c.customDateId) {
        const custom = await m.findOneBy(CustomDateEntity, { id: c.customDateId });
        const owner = custom && (await m.findOneBy(UnitEntity, { id: custom.unitId }));
        // a custom date of the campaign's unit or of a unit above it
        if (!custom || !owner || !unit.path.startsWith(owner.path)) add('customDateId', 'is not a custom date of this unit or a unit above it');
      }
    }
    if (c.triggerKind === TriggerKind.OCCASION) {
      if (!c.occasionKinds.length) add('occasionKinds', 'choose at least one kind of occasion');
      if (c.repeatYearly) add('repeatYearly', 'occasion campaigns follow each report and do not repeat by year');
      if (c.occasionOffsetDays !== null && (c.occasionOffsetDays < -60 || c.occasionOffsetDays > 60)) add('occasionOffsetDays', 'must be between -60 and 60 days (or empty: right after the report)');
    }
    if (!Number.isInteger(c.daysBefore) || c.daysBefore < 0 || c.daysBefore > 60) add('daysBefore', 'must be between 0 and 60');
    c.sendTime = c.sendTime.slice(0, 5);
    if (!TIME.test(c.sendTime)) add('sendTime', 'must be a time HH:MM (Asia/Shanghai)');
    if (!c.channels.length) add('channels', 'choose at least one channel');
    if (new Set(c.channels).size !== c.channels.length) add('channels', 'lists a channel twice');
    if (c.includeSpouses && !c.channels.some((ch) => ch !== DeliveryChannel.IN_APP)) add('includeSpouses', 'spouses have no inbox: add EMAIL or SMS');
    if (!c.title.trim()) add('title', 'is required');
    if (!c.bodyText.trim()) add('bodyText', 'is required');
    problems.push(...templateProblems('title', c.title), ...templateProblems('bodyText', c.bodyText));
    if (c.bodyHtml) problems.push(...templateProblems('bodyHtml', c.bodyHtml));
    if (c.audienceUnitIds.length) {
      const [{ count }] = (await m.query(`SELECT count(*)::int AS count FROM units WHERE id = ANY($1::uuid[]) AND path LIKE $2`, [c.audienceUnitIds, `${unit.path}%`])) as { count: number }[];
      if (count !== new Set(c.audienceUnitIds).size) add('audienceUnitIds', `contains a unit that does not exist or lies outside ${unit.name}`);
    }
    if (problems.length) throw new BadUserInputException(`The campaign is not valid: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`, problems);
  }

  private async requireCampaign(actor: Actor, m: EntityManager, id: string, lock = false) {
    this.requireAdmin(actor);
    return this.units.requireManaged(actor, m, ReminderCampaignEntity, id, { one: 'Reminder campaign', many: 'reminder campaigns' }, lock);
  }

  private requireAdmin(actor: Actor): void {
    if (!hasRole(actor, 'ADMIN')) throw new ForbiddenException('Only administrators manage reminder campaigns');
  }

  private auditView(c: ReminderCampaignEntity) {
    return { name: c.name, trigger: c.triggerKind, festivalKey: c.festivalKey, daysBefore: c.daysBefore, sendTime: c.sendTime, channels: c.channels, title: c.title };
  }
}

function emptyStats(): OccurrenceStats {
  return { targeted: 0, sent: 0, failed: 0, pending: 0, skipped: 0, acknowledged: 0, acknowledgementRate: null, channels: [], reasons: [] };
}

