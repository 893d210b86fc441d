import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@qinglian/audit';
import { IdentityModule } from '@qinglian/identity';
import { NotificationsModule } from '@qinglian/notifications';
import { StudyTourEntity } from './entities/study-tour.entity';
import { TourSignUpEntity } from './entities/tour-signup.entity';
import { StudyToursService } from './services/study-tours.service';

@Module({
  imports: [TypeOrmModule.forFeature([StudyTourEntity, TourSignUpEntity]), AuditModule, NotificationsModule, IdentityModule],
  providers: [StudyToursService],
  exports: [StudyToursService, NotificationsModule],
})
export class ToursModule {}
