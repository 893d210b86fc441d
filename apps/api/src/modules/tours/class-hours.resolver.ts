import { Args, Field, Float, ID, Int, ObjectType, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '@qinglian/common';
import { ClassHourCreditEntity, CreditsService } from '@qinglian/completion';
import { CurrentActor, SignedIn } from '../../auth/access.decorators';

@ObjectType('ClassHourCredit', { description: 'Class hours (学时) earned from one source.' })
export class ClassHourCreditModel {
  @Field() source: string;
  @Field(() => ID) sourceId: string;
  @Field() title: string;
  @Field(() => Float) hours: number;
  @Field(() => Date) earnedAt: Date;

  static from(c: ClassHourCreditEntity): ClassHourCreditModel {
    return Object.assign(new ClassHourCreditModel(), { source: c.source, sourceId: c.sourceId, title: c.title, hours: c.hours, earnedAt: c.earnedAt });
  }
}

@ObjectType('ClassHoursSummary')
export class ClassHoursSummaryModel {
  @Field(() => Int) year: number;
  @Field(() => Float) total: number;
  @Field(() => [ClassHourCreditModel]) credits: ClassHourCreditModel[];
}

@Resolver(() => ClassHoursSummaryModel)
export class ClassHoursResolver {
  constructor(private readonly credits: CreditsService) {}

  @Query(() => ClassHoursSummaryModel, { description: 'Class hours you earned in a year (Asia/Shanghai), with the source of each.' })
  @SignedIn()
  async myClassHours(@CurrentActor() actor: Actor, @Args('year', { type: () => Int }) year: number) {
    const summary = await this.credits.summary(actor, year);
    return { ...summary, credits: summary.credits.map(ClassHourCreditModel.from) };
  }
}
