import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { GraphQLContext } from '../../../graphql/loaders';

@ObjectType('PersonSummary', { description: 'A cadre named on a list: name and unit.' })
export class PersonSummaryModel {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field({ description: 'The name of the unit the cadre belongs to.' }) unitName: string;
  @Field({ description: 'Leading cadre (领导干部).' }) isLeading: boolean;
}

/** Name, unit and leading-cadre flag of a user, through the request's loaders (batched per request). */
export async function personOf(userId: string, ctx: GraphQLContext): Promise<PersonSummaryModel> {
  const user = await ctx.loaders.user.load(userId);
  const unit = user ? await ctx.loaders.unit.load(user.unitId) : null;
  return { id: userId, name: user?.name ?? '', unitName: unit?.name ?? '', isLeading: user?.isLeading ?? false };
}
