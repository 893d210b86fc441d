import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Actor } from '@qinglian/common';
import { Role, UnitsService } from '@qinglian/identity';
import { ParseUUIDPipe } from '@nestjs/common';
import { CurrentActor, Roles } from '../../auth/access.decorators';
import { toConnection } from '../../graphql/connection.model';
import type { GraphQLContext } from '../../graphql/loaders';
import { CreateUnitInput, MoveUnitInput, RenameUnitInput, UnitsArgs } from './dto/unit.inputs';
import { UnitConnection, UnitModel } from './models/unit.model';

@Resolver(() => UnitModel)
export class UnitsResolver {
  constructor(private readonly unitsService: UnitsService) {}

  @Query(() => UnitModel, { description: 'One unit of your part of the organisation.' })
  @Roles(Role.ADMIN, Role.TRAINER)
  async unit(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }, ParseUUIDPipe) id: string): Promise<UnitModel> {
    return UnitModel.from(await this.unitsService.get(actor, id));
  }

  @Query(() => UnitConnection, { description: 'Units of your subtree: the top (no parentId), the children of a unit, or a whole subtree.' })
  @Roles(Role.ADMIN, Role.TRAINER)
  async units(@CurrentActor() actor: Actor, @Args() args: UnitsArgs) {
    return toConnection(await this.unitsService.list(actor, args, args), UnitModel.from);
  }

  @Mutation(() => UnitModel)
  @Roles(Role.ADMIN)
  async createUnit(@CurrentActor() actor: Actor, @Args('input') input: CreateUnitInput): Promise<UnitModel> {
    return UnitModel.from(await this.unitsService.create(actor, input));
  }

  @Mutation(() => UnitModel)
  @Roles(Role.ADMIN)
  async renameUnit(@CurrentActor() actor: Actor, @Args('input') input: RenameUnitInput): Promise<UnitModel> {
    return UnitModel.from(await this.unitsService.rename(actor, input.id, input.name));
  }

  @Mutation(() => UnitModel, { description: 'Moves a unit, with everything under it, below another unit.' })
  @Roles(Role.ADMIN)
  async moveUnit(@CurrentActor() actor: Actor, @Args('input') input: MoveUnitInput): Promise<UnitModel> {
    return UnitModel.from(await this.unitsService.move(actor, input.id, input.newParentId));
  }

  @ResolveField(() => UnitModel, { nullable: true })
  async parent(@Parent() unit: UnitModel, @Context() ctx: GraphQLContext): Promise<UnitModel | null> {
    if (!unit.parentId) return null;
    const parent = await ctx.loaders.unit.load(unit.parentId);
    return parent ? UnitModel.from(parent) : null;
  }
}
