import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { CadreTier } from '@qinglian/identity';
import {
  CampaignStatus,
  DeliveryChannel,
  FestivalKey,
  OccasionEntity,
  OccasionKind,
  OccurrenceStatus,
  ReminderCampaignEntity,
  ReminderOccurrenceEntity,
  TriggerKind,
} from '@qinglian/reminders';
import { ArrayMaxSize, IsArray, IsBoolean, IsEnum, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { Connection } from '../../graphql/connection.model';

registerEnumType(TriggerKind, { name: 'ReminderTrigger', description: 'FESTIVAL (built-in, recomputed each year), DATE (a date or a custom date), OCCASION (a reported personal occasion)' });
registerEnumType(CampaignStatus, { name: 'CampaignStatus' });
registerEnumType(OccurrenceStatus, { name: 'OccurrenceStatus' });
registerEnumType(DeliveryChannel, { name: 'DeliveryChannel', description: 'IN_APP inbox, EMAIL e-card, SMS text' });
registerEnumType(OccasionKind, { name: 'OccasionKind', description: '婚嫁, 丧葬, 亲属寿辰喜庆, 子女升学, 乔迁新居, 生病住院, 工作调动' });

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Campaign fields; every one optional so the same input serves create (checked by the service), update and live preview. */
@InputType()
export class CampaignInput {
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(200) name?: string;
  @Field(() => ID, { nullable: true, description: 'Owning unit (its subtree is the widest audience); defaults to yours.' }) @IsOptional() @IsUUID('all', { message: 'must be a unit id' }) unitId?: string;
  @Field(() => TriggerKind, { nullable: true }) @IsOptional() @IsEnum(TriggerKind) triggerKind?: TriggerKind;
  @Field(() => FestivalKey, { nullable: true }) @IsOptional() @IsEnum(FestivalKey) festivalKey?: FestivalKey | null;
  @Field(() => ID, { nullable: true, description: 'DATE: one of the custom dates of the calendar.' }) @IsOptional() @IsUUID('all', { message: 'must be a custom date id' }) customDateId?: string | null;
  @Field(() => String, { nullable: true, description: 'DATE: a one-off date, YYYY-MM-DD.' }) @IsOptional() @Matches(DATE, { message: 'must be a date YYYY-MM-DD' }) sendDate?: string | null;
  @Field(() => [OccasionKind], { nullable: true }) @IsOptional() @IsArray() @IsEnum(OccasionKind, { each: true }) occasionKinds?: OccasionKind[];
  @Field(() => Int, { nullable: true, description: 'FESTIVAL/DATE: days before the event (0-60).' }) @IsOptional() @IsInt() @Min(0) @Max(60) daysBefore?: number;
  @Field(() => Int, { nullable: true, description: 'OCCASION: days from the occasion date (negative: before); empty: right after the report.' })
  @IsOptional()
  @IsInt()
  @Min(-60)
  @Max(60)
  occasionOffsetDays?: number | null;
  @Field({ nullable: true, description: 'HH:MM, Asia/Shanghai.' }) @IsOptional() @Matches(TIME, { message: 'must be a time HH:MM' }) sendTime?: string;
  @Field({ nullable: true, description: 'FESTIVAL or yearly custom date: send again every year.' }) @IsOptional() @IsBoolean() repeatYearly?: boolean;
  @Field(() => [DeliveryChannel], { nullable: true }) @IsOptional() @IsArray() @IsEnum(DeliveryChannel, { each: true }) channels?: DeliveryChannel[];
  @Field(() => [CadreTier], { nullable: true }) @IsOptional() @IsArray() @IsEnum(CadreTier, { each: true }) audienceTiers?: CadreTier[];
  @Field(() => [ID], { nullable: true }) @IsOptional() @IsArray() @ArrayMaxSize(500) @IsUUID('all', { each: true, message: 'must be unit ids' }) audienceUnitIds?: string[];
  @Field({ nullable: true, description: 'Audience units include their subunits (default true).' }) @IsOptional() @IsBoolean() includeSubunits?: boolean;
  @Field({ nullable: true }) @IsOptional() @IsBoolean() leadingOnly?: boolean;
  @Field({ nullable: true, description: 'Also send e-mail/SMS to spouses on record (家属).' }) @IsOptional() @IsBoolean() includeSpouses?: boolean;
  @Field({ nullable: true, description: 'Title / e-mail subject; variables {{name}} {{unit}} {{festival}} {{date}} {{year}} {{sender}}.' }) @IsOptional() @IsString() @MaxLength(200) title?: string;
  @Field({ nullable: true, description: 'Text for the inbox and SMS (zh-CN), with the same variables.' }) @IsOptional() @IsString() @MaxLength(2000) bodyText?: string;
  @Field(() => String, { nullable: true, description: 'HTML e-card for e-mail, with the same variables (values are HTML-escaped).' }) @IsOptional() @IsString() @MaxLength(50000) bodyHtml?: string | null;
}

@ObjectType('ReminderCampaign', { description: 'A scheduled clean-government reminder (廉洁提醒).' })
export class CampaignModel {
  @Field(() => ID) id: string;
  @Field(() => ID) unitId: string;
  @Field() name: string;
  @Field(() => TriggerKind) triggerKind: TriggerKind;
  @Field(() => FestivalKey, { nullable: true }) festivalKey: FestivalKey | null;
  @Field(() => ID, { nullable: true }) customDateId: string | null;
  @Field(() => String, { nullable: true }) sendDate: string | null;
  @Field(() => [OccasionKind]) occasionKinds: OccasionKind[];
  @Field(() => Int) daysBefore: number;
  @Field(() => Int, { nullable: true }) occasionOffsetDays: number | null;
  @Field() sendTime: string;
  @Field() repeatYearly: boolean;
  @Field(() => [DeliveryChannel]) channels: DeliveryChannel[];
  @Field(() => [CadreTier]) audienceTiers: CadreTier[];
  @Field(() => [ID]) audienceUnitIds: string[];
  @Field() includeSubunits: boolean;
  @Field() leadingOnly: boolean;
  @Field() includeSpouses: boolean;
  @Field() title: string;
  @Field() bodyText: string;
  @Field(() => String, { nullable: true }) bodyHtml: string | null;
  @Field(() => CampaignStatus) status: CampaignStatus;
  @Field(() => Date) createdAt: Date;
  @Field(() => Date) updatedAt: Date;

  static from(c: ReminderCampaignEntity): CampaignModel {
    return Object.assign(new CampaignModel(), { ...c, sendTime: c.sendTime.slice(0, 5), audienceTiers: c.audienceTiers as CadreTier[] });
  }
}

@ObjectType('ReminderCampaignConnection')
export class CampaignConnection extends Connection(CampaignModel, 'ReminderCampaignPage') {}

@ObjectType('ChannelStats')
export class ChannelStatsModel {
  @Field(() => DeliveryChannel) channel: DeliveryChannel;
  @Field(() => Int) targeted: number;
  @Field(() => Int) sent: number;
  @Field(() => Int) failed: number;
  @Field(() => Int) pending: number;
  @Field(() => Int) skipped: number;
}

@ObjectType('DeliveryReasonCount', { description: 'Failed or skipped messages by reason (INVALID_ADDRESS, NO_PHONE, TIMEOUT...).' })
export class ReasonCountModel {
  @Field(() => DeliveryChannel) channel: DeliveryChannel;
  @Field() status: string;
  @Field() reason: string;
  @Field(() => Int) count: number;
}

@ObjectType('OccurrenceStats')
export class OccurrenceStatsModel {
  @Field(() => Int) targeted: number;
  @Field(() => Int) sent: number;
  @Field(() => Int) failed: number;
  @Field(() => Int) pending: number;
  @Field(() => Int) skipped: number;
  @Field(() => Int, { description: 'In-app reminders answered "read and will comply".' }) acknowledged: number;
  @Field(() => Float, { nullable: true }) acknowledgementRate: number | null;
  @Field(() => [ChannelStatsModel]) channels: ChannelStatsModel[];
  @Field(() => [ReasonCountModel]) reasons: ReasonCountModel[];
}

@ObjectType('ReminderOccurrence', { description: 'One sending of a campaign: a festival of one year, a date, or one reported occasion.' })
export class OccurrenceModel {
  @Field(() => ID) id: string;
  @Field(() => ID) campaignId: string;
  @Field() key: string;
  @Field() eventName: string;
  @Field() eventDate: string;
  @Field(() => Date) sendAt: Date;
  @Field(() => OccurrenceStatus) status: OccurrenceStatus;
  @Field(() => Date, { nullable: true }) startedAt: Date | null;
  @Field(() => Date, { nullable: true }) finishedAt: Date | null;

  static from(o: ReminderOccurrenceEntity): OccurrenceModel {
    return Object.assign(new OccurrenceModel(), { id: o.id, campaignId: o.campaignId, key: o.occurrenceKey, eventName: o.eventName, eventDate: o.eventDate, sendAt: o.sendAt, status: o.status, startedAt: o.startedAt, finishedAt: o.finishedAt });
  }
}

@ObjectType('ChannelAudience')
export class ChannelAudienceModel {
  @Field(() => DeliveryChannel) channel: DeliveryChannel;
  @Field(() => Int) recipients: number;
  @Field(() => Int) reachable: number;
  @Field(() => Int, { description: 'Recipients without a phone or e-mail: counted, shown as skipped.' }) missingAddress: number;
}

@ObjectType('CampaignPreview')
export class CampaignPreviewModel {
  @Field() title: string;
  @Field() text: string;
  @Field(() => String, { nullable: true }) html: string | null;
  @Field(() => Int) smsSegments: number;
  @Field() recipientName: string;
  @Field() eventName: string;
  @Field() eventDate: string;
  @Field(() => Date, { nullable: true }) sendAt: Date | null;
  @Field(() => Date, { nullable: true, description: 'When e-mail and SMS go out, after quiet hours.' }) externalSendAt: Date | null;
  @Field(() => Int) cadres: number;
  @Field(() => Int) spouses: number;
  @Field(() => [ChannelAudienceModel]) channels: ChannelAudienceModel[];
}

@ObjectType('CampaignCancellation')
export class CancelOutcomeModel {
  @Field(() => CampaignModel) campaign: CampaignModel;
  @Field(() => Int, { description: 'Messages that had gone out.' }) sent: number;
  @Field(() => Int, { description: 'Messages that will not be sent.' }) stopped: number;
}

@ObjectType('Occasion', { description: 'A personal occasion reported under the clean-government rules.' })
export class OccasionModel {
  @Field(() => ID) id: string;
  @Field(() => ID) userId: string;
  @Field(() => OccasionKind) kind: OccasionKind;
  @Field() date: string;
  @Field(() => String, { nullable: true }) note: string | null;
  @Field(() => ID) reportedBy: string;
  @Field(() => Date, { nullable: true }) cancelledAt: Date | null;
  @Field(() => Date) createdAt: Date;

  static from(o: OccasionEntity): OccasionModel {
    return Object.assign(new OccasionModel(), o);
  }
}
