import { Args, Field, Int, ObjectType, Query, registerEnumType, Resolver } from '@nestjs/graphql';
import { BadUserInputException } from '@qinglian/common';
import { FestivalKey, festivalsOf, statutoryCalendar } from '@qinglian/reminders';
import { SignedIn } from '../../auth/access.decorators';

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
  @Query(() => FestivalCalendarModel)
  @SignedIn()
  festivalCalendar(@Args('year', { type: () => Int }) year: number): FestivalCalendarModel {
    if (!Number.isInteger(year) || year < 1901 || year > 2099) throw BadUserInputException.field('year', 'must be between 1901 and 2099');
    const statutory = statutoryCalendar(year);
    return { year, festivals: festivalsOf(year), daysOff: statutory.daysOff, swappedWorkdays: statutory.swappedWorkdays, statutoryPublished: statutory.published };
  }
}
