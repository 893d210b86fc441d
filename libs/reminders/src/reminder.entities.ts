import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { FestivalKey } from './calendar/festival-calendar';
import { DeliveryChannel } from './channels/channel';
import { CampaignStatus, DeliveryStatus, OccasionKind, OccurrenceStatus, Recipient, TriggerKind } from './reminder.enums';

/** A unit's own date for reminders, e.g. its party branch activity day. */
@Entity({ name: 'custom_dates' })
export class CustomDateEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'unit_id', type: 'uuid' }) unitId: string;
  @Column({ type: 'varchar', length: 100 }) name: string;
  /** YYYY-MM-DD; for a yearly date, its month and day repeat. */
  @Column({ type: 'date' }) date: string;
  @Column({ type: 'boolean', default: false }) yearly: boolean;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

/** A personal occasion a cadre reported (or an administrator recorded for them). */
@Entity({ name: 'occasions' })
export class OccasionEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'user_id', type: 'uuid' }) userId: string;
  @Column({ type: 'varchar', length: 30 }) kind: OccasionKind;
  @Column({ type: 'date' }) date: string;
  @Column({ type: 'varchar', length: 500, nullable: true }) note: string | null;
  @Column({ name: 'reported_by', type: 'uuid' }) reportedBy: string;
  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true }) cancelledAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

@Entity({ name: 'reminder_campaigns' })
export class ReminderCampaignEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'unit_id', type: 'uuid' }) unitId: string;
  @Column({ type: 'varchar', length: 200 }) name: string;
  @Column({ name: 'trigger_kind', type: 'varchar', length: 10 }) triggerKind: TriggerKind;
  @Column({ name: 'festival_key', type: 'varchar', length: 30, nullable: true }) festivalKey: FestivalKey | null;
  @Column({ name: 'custom_date_id', type: 'uuid', nullable: true }) customDateId: string | null;
  @Column({ name: 'send_date', type: 'date', nullable: true }) sendDate: string | null;
  @Column({ name: 'occasion_kinds', type: 'text', array: true, default: () => `'{}'` }) occasionKinds: OccasionKind[];
  @Column({ name: 'days_before', type: 'integer', default: 0 }) daysBefore: number;
  /** Days from the occasion date (negative: before); null: right after the report. */
  @Column({ name: 'occasion_offset_days', type: 'integer', nullable: true }) occasionOffsetDays: number | null;
  /** HH:MM:SS, Asia/Shanghai. */
  @Column({ name: 'send_time', type: 'time', default: '09:00' }) sendTime: string;
  @Column({ name: 'repeat_yearly', type: 'boolean', default: false }) repeatYearly: boolean;
  @Column({ type: 'text', array: true }) channels: DeliveryChannel[];
  @Column({ name: 'audience_tiers', type: 'text', array: true, default: () => `'{}'` }) audienceTiers: string[];
  @Column({ name: 'audience_unit_ids', type: 'uuid', array: true, default: () => `'{}'` }) audienceUnitIds: string[];
  @Column({ name: 'include_subunits', type: 'boolean', default: true }) includeSubunits: boolean;
  @Column({ name: 'leading_only', type: 'boolean', default: false }) leadingOnly: boolean;
  @Column({ name: 'include_spouses', type: 'boolean', default: false }) includeSpouses: boolean;
  @Column({ type: 'varchar', length: 200 }) title: string;
  @Column({ name: 'body_text', type: 'text' }) bodyText: string;
  @Column({ name: 'body_html', type: 'text', nullable: true }) bodyHtml: string | null;
  @Column({ type: 'varchar', length: 10, default: CampaignStatus.DRAFT }) status: CampaignStatus;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** One sending of a campaign: a year's festival, a date, or one reported occasion. */
@Entity({ name: 'reminder_occurrences' })
export class ReminderOccurrenceEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'campaign_id', type: 'uuid' }) campaignId: string;
  @Column({ name: 'occurrence_key', type: 'varchar', length: 80 }) occurrenceKey: string;
  @Column({ name: 'occasion_id', type: 'uuid', nullable: true }) occasionId: string | null;
  @Column({ name: 'event_name', type: 'varchar', length: 100 }) eventName: string;
  @Column({ name: 'event_date', type: 'date' }) eventDate: string;
  @Column({ name: 'send_at', type: 'timestamptz' }) sendAt: Date;
  /** Raised by each reschedule; a fire job of an older version does nothing. */
  @Column({ type: 'integer', default: 1 }) version: number;
  @Column({ type: 'varchar', length: 10, default: OccurrenceStatus.SCHEDULED }) status: OccurrenceStatus;
  @Column({ name: 'fanout_cursor', type: 'uuid', nullable: true }) fanoutCursor: string | null;
  @Column({ name: 'fanout_done', type: 'boolean', default: false }) fanoutDone: boolean;
  @Column({ name: 'started_at', type: 'timestamptz', nullable: true }) startedAt: Date | null;
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true }) finishedAt: Date | null;
  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true }) cancelledAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

/** The ledger: one message to one person over one channel, claimed before it is sent. */
@Entity({ name: 'reminder_deliveries' })
export class ReminderDeliveryEntity {
  @PrimaryColumn({ type: 'bigint' }) id: string;
  @Column({ name: 'occurrence_id', type: 'uuid' }) occurrenceId: string;
  @Column({ name: 'user_id', type: 'uuid' }) userId: string;
  @Column({ type: 'varchar', length: 6 }) recipient: Recipient;
  @Column({ type: 'varchar', length: 6 }) channel: DeliveryChannel;
  @Column({ type: 'varchar', length: 254, nullable: true }) address: string | null;
  @Column({ type: 'varchar', length: 8 }) status: DeliveryStatus;
  @Column({ type: 'integer' }) attempts: number;
  @Column({ type: 'varchar', length: 30, nullable: true }) reason: string | null;
  @Column({ name: 'last_error', type: 'text', nullable: true }) lastError: string | null;
  @Column({ name: 'provider_message_id', type: 'varchar', length: 200, nullable: true }) providerMessageId: string | null;
  @Column({ name: 'notification_id', type: 'uuid', nullable: true }) notificationId: string | null;
  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true }) sentAt: Date | null;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
