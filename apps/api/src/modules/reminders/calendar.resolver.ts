import { ParseUUIDPipe } from '@nestjs/common';
import { Args, Field, ID, InputType, Int, Mutation, ObjectType, Parent, Query, registerEnumType, ResolveField, Resolver } from '@nestjs/graphql';
import { BadUserInputException } from '@qinglian/common';
import type { Actor } from '@qinglian/common';
import { Role } from '@qinglian/identity';
import { CustomDateEntity, CustomDatesService, FestivalKey, festivalsOf, statutoryCalendar } from '@qinglian/reminders';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { CurrentActor, Roles, SignedIn } from '../../auth/access.decorators';

registerEnumType(FestivalKey, { name: 'FestivalKey' });

@ObjectType('Festival')
class FestivalModel {
  @Field(() => FestivalKey) key: FestivalKey;
  @Field() name: string;
  @Field({ description: 'YYYY-MM-DD, Asia/Shanghai.' }) date: string;
}

@ObjectType('StatutoryDay')
class StatutoryDayModel {
  @Field({ description: 'YYYY-MM-DD' }) date: string;
  @Field({ description: 'The holiday it belongs to.' }) name: string;
}

@ObjectType('CustomDate', { description: "A unit's own date (e.g. its party branch activity day), one-off or yearly." })
class CustomDateModel {
  @Field(() => ID) id: string;
  @Field(() => ID) unitId: string;
  @Field() name: string;
  @Field({ description: 'As entered; for a yearly date, its month and day repeat.' }) date: string;
  @Field() yearly: boolean;

  static from(d: CustomDateEntity): CustomDateModel {
    return Object.assign(new CustomDateModel(), { id: d.id, unitId: d.unitId, name: d.name, date: d.date, yearly: d.yearly });
  }
}

@ObjectType('CustomDateInYear')
class CustomDateInYearModel {
  @Field({ description: 'Its date in the calendar year, YYYY-MM-DD.' }) date: string;
  @Field(() => CustomDateModel) customDate: CustomDateModel;
}

@InputType()
class CustomDateInput {
  @Field() @IsString() @IsNotEmpty() @MaxLength(100) name: string;
  @Field({ description: 'YYYY-MM-DD' }) @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date YYYY-MM-DD' }) date: string;
  @Field({ defaultValue: false }) @IsBoolean() yearly: boolean;
  @Field(() => ID, { nullable: true, description: 'Defaults to your unit.' }) @IsOptional() @IsUUID('all', { message: 'must be a unit id' }) unitId?: string;
}

@ObjectType('FestivalCalendar', { description: "A year's festivals (computed) with the statutory days off and swapped working days (published data)." })
class FestivalCalendarModel {
  @Field(() => Int) year: number;
  @Field(() => [FestivalModel]) festivals: FestivalModel[];
  @Field(() => [StatutoryDayModel]) daysOff: StatutoryDayModel[];
  @Field(() => [StatutoryDayModel], { description: 'Weekend days worked in exchange (调休).' }) swappedWorkdays: StatutoryDayModel[];
  @Field({ description: 'False until the State Council arrangement for the year is in the data package.' }) statutoryPublished: boolean;
}

@Resolver(() => FestivalCalendarModel)
export class CalendarResolver {
  constructor(private readonly dates: CustomDatesService) {}

  @ResolveField(() => [CustomDateInYearModel], { description: "Custom dates of your unit, the units above it and (administrators) the units you manage." })
  async customDates(@Parent() calendar: FestivalCalendarModel, @CurrentActor() actor: Actor) {
    return (await this.dates.ofYear(actor, calendar.year)).map((d) => ({ date: d.date, customDate: CustomDateModel.from(d.customDate) }));
  }

  @Mutation(() => CustomDateModel)
  @Roles(Role.ADMIN)
  async addCustomDate(@CurrentActor() actor: Actor, @Args('input') input: CustomDateInput) {
    return CustomDateModel.from(await this.dates.create(actor, input));
  }

  @Mutation(() => CustomDateModel, { description: 'Removes a custom date that no active campaign uses.' })
  @Roles(Role.ADMIN)
  async removeCustomDate(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }, ParseUUIDPipe) id: string) {
    return CustomDateModel.from(await this.dates.remove(actor, id));
  }

  @Query(() => FestivalCalendarModel)
  @SignedIn()
  festivalCalendar(@Args('year', { type: () => Int }) year: number): FestivalCalendarModel {
    if (!Number.isInteger(year) || year < 1901 || year > 2099) throw BadUserInputException.field('year', 'must be between 1901 and 2099');
    const statutory = statutoryCalendar(year);
    return { year, festivals: festivalsOf(year), daysOff: statutory.daysOff, swappedWorkdays: statutory.swappedWorkdays, statutoryPublished: statutory.published };
  }
}
