import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { CadreTier } from '@qinglian/identity';
import { SignUpStatus, StudyTourEntity, TourKind, TourSignUpEntity, TourStatus } from '@qinglian/tours';
import { Connection } from '../../../graphql/connection.model';
import '../../../graphql/enums';

registerEnumType(TourKind, { name: 'TourKind', description: 'WARNING_EDUCATION_BASE 警示教育基地, ADVANCED_MODEL_STUDY 先进典型学习, REVOLUTIONARY_SITE 红色教育基地, OTHER' });
registerEnumType(TourStatus, { name: 'TourStatus' });
registerEnumType(SignUpStatus, { name: 'SignUpStatus' });

@ObjectType('TourSignUp')
export class TourSignUpModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  tourId: string;

  @Field(() => ID)
  userId: string;

  @Field(() => SignUpStatus)
  status: SignUpStatus;

  @Field(() => Int, { nullable: true, description: '1-based place in the waitlist (WAITLISTED only).' })
  waitlistPosition: number | null;

  @Field(() => Float, { description: 'Arrival order; the waitlist is served in this order.' })
  arrival: number;

  @Field(() => Date)
  signedUpAt: Date;

  @Field(() => Date, { nullable: true })
  checkedInAt: Date | null;

  @Field(() => String, { nullable: true, description: 'ATTENDED or NO_SHOW, set when the tour is completed.' })
  attendance: string | null;

  static from(s: TourSignUpEntity, waitlistPosition: number | null = null): TourSignUpModel {
    return Object.assign(new TourSignUpModel(), {
      id: s.id,
      tourId: s.tourId,
      userId: s.userId,
      status: s.status,
      waitlistPosition,
      arrival: s.arrival,
      signedUpAt: s.createdAt,
      checkedInAt: s.checkedInAt ?? null,
      attendance: s.attendance ?? null,
    });
  }
}

@ObjectType('StudyTour', { description: 'A study tour (学习考察) or a visit to a warning-education base.' })
export class StudyTourModel {
  @Field(() => ID) id: string;
  @Field() title: string;
  @Field(() => TourKind) kind: TourKind;
  @Field() destination: string;
  @Field(() => String, { nullable: true }) meetingPoint: string | null;
  @Field(() => Date) startsAt: Date;
  @Field(() => Date) endsAt: Date;
  @Field(() => Int) capacity: number;
  @Field(() => Int) confirmedCount: number;
  @Field(() => Int) seatsLeft: number;
  @Field(() => Date) signUpOpensAt: Date;
  @Field(() => Date) signUpClosesAt: Date;
  @Field(() => Date) cancelCutoffAt: Date;
  @Field(() => [CadreTier], { description: 'Empty: every tier.' }) eligibleTiers: CadreTier[];
  @Field(() => [ID], { description: 'Empty: every unit under the organising unit.' }) eligibleUnitIds: string[];
  @Field() leadingOnly: boolean;
  @Field(() => Float) classHours: number;
  @Field() approvalRequired: boolean;
  @Field(() => TourStatus) status: TourStatus;
  @Field(() => ID) unitId: string;

  static from(t: StudyTourEntity): StudyTourModel {
    return Object.assign(new StudyTourModel(), {
      id: t.id,
      title: t.title,
      kind: t.kind,
      destination: t.destination,
      meetingPoint: t.meetingPoint,
      startsAt: t.startsAt,
      endsAt: t.endsAt,
      capacity: t.capacity,
      confirmedCount: t.confirmedCount,
      seatsLeft: Math.max(0, t.capacity - t.confirmedCount),
      signUpOpensAt: t.signUpOpensAt,
      signUpClosesAt: t.signUpClosesAt,
      cancelCutoffAt: t.cancelCutoffAt,
      eligibleTiers: t.eligibleTiers as CadreTier[],
      eligibleUnitIds: t.eligibleUnitIds,
      leadingOnly: t.leadingOnly,
      classHours: t.classHours,
      approvalRequired: t.approvalRequired,
      status: t.status,
      unitId: t.unitId,
    });
  }
}

@ObjectType('CheckInCode', { description: 'Shown on the cadre\'s phone at the meeting point; changes every minute.' })
export class CheckInCodeModel {
  @Field() code: string;
  @Field(() => Date) expiresAt: Date;
}

export const StudyTourConnection = Connection(StudyTourModel, 'StudyTourConnection');
export const TourSignUpConnection = Connection(TourSignUpModel, 'TourSignUpConnection');
