import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@qinglian/audit';
import { ClockModule } from '@qinglian/common';
import { IdentityModule } from '@qinglian/identity';
import { CampaignsService } from './campaigns/campaigns.service';
import { ReminderPlanner } from './campaigns/reminder-planner';
import { ReminderChannelsModule } from './channels/channels.module';
import { CustomDatesService } from './custom-dates/custom-dates.service';
import { ReminderDeliveryService } from './delivery/reminder-delivery.service';
import { OccasionsService } from './occasions/occasions.service';
import { CustomDateEntity, OccasionEntity, ReminderCampaignEntity, ReminderDeliveryEntity, ReminderOccurrenceEntity } from './reminder.entities';

/** Campaigns, custom dates and occasions: what the API needs (planning, preview, statistics). */
@Module({
  imports: [TypeOrmModule.forFeature([CustomDateEntity, OccasionEntity, ReminderCampaignEntity, ReminderOccurrenceEntity, ReminderDeliveryEntity]), AuditModule, IdentityModule, ClockModule],
  providers: [ReminderPlanner, CampaignsService, CustomDatesService, OccasionsService],
  exports: [ReminderPlanner, CampaignsService, CustomDatesService, OccasionsService],
})
export class RemindersModule {}

/** Sending: the e-mail and SMS senders and the delivery ledger (the worker). */
@Module({
  imports: [RemindersModule, ReminderChannelsModule],
  providers: [ReminderDeliveryService],
  exports: [ReminderDeliveryService, RemindersModule],
})
export class ReminderDeliveryModule {}
