import { ParseBoolPipe, ParseUUIDPipe } from '@nestjs/common';
import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Actor } from '@qinglian/common';
import { CadreImportService, Role, UsersService } from '@qinglian/identity';
import { CurrentActor, Roles, SignedIn } from '../../auth/access.decorators';
import { toConnection } from '../../graphql/connection.model';
import type { GraphQLContext } from '../../graphql/loaders';
import { UnitModel } from '../units/models/unit.model';
import { ChangePasswordInput, CreateUserInput, ImportCadresInput, ResetPasswordInput, UpdateUserInput, UsersArgs } from './dto/user.inputs';
import { CadreImportReportModel } from './models/cadre-import-report.model';
import { UserConnection, UserModel } from './models/user.model';

@Resolver(() => UserModel)
export class UsersResolver {
  constructor(
    private readonly usersService: UsersService,
    private readonly imports: CadreImportService,
  ) {}

  @Query(() => UserModel, { description: 'The signed-in user.' })
  @SignedIn()
  async me(@CurrentActor() actor: Actor): Promise<UserModel> {
    return UserModel.from(await this.usersService.get(actor, actor.id));
  }

  @Query(() => UserModel, { description: 'A cadre may read only themselves; trainers and administrators read users of their subtree.' })
  @SignedIn()
  async user(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }, ParseUUIDPipe) id: string): Promise<UserModel> {
    return UserModel.from(await this.usersService.get(actor, id));
  }

  @Query(() => UserConnection, { description: 'Users of your subtree, sorted by name.' })
  @Roles(Role.ADMIN, Role.TRAINER)
  async users(@CurrentActor() actor: Actor, @Args() args: UsersArgs) {
    return toConnection(await this.usersService.list(actor, args, args), UserModel.from);
  }

  @Mutation(() => UserModel)
  @Roles(Role.ADMIN)
  async createUser(@CurrentActor() actor: Actor, @Args('input') input: CreateUserInput): Promise<UserModel> {
    return UserModel.from(await this.usersService.create(actor, input));
  }

  @Mutation(() => UserModel, { description: 'Changes only the fields given.' })
  @Roles(Role.ADMIN)
  async updateUser(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }, ParseUUIDPipe) id: string,
    @Args('input') input: UpdateUserInput,
  ): Promise<UserModel> {
    return UserModel.from(await this.usersService.update(actor, id, input));
  }

  @Mutation(() => UserModel, { description: 'Deactivated users cannot sign in and their sessions end.' })
  @Roles(Role.ADMIN)
  async setUserActive(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }, ParseUUIDPipe) id: string,
    @Args('active', ParseBoolPipe) active: boolean,
  ): Promise<UserModel> {
    return UserModel.from(await this.usersService.setActive(actor, id, active));
  }

  @Mutation(() => UserModel)
  @Roles(Role.ADMIN)
  async resetUserPassword(@CurrentActor() actor: Actor, @Args('input') input: ResetPasswordInput): Promise<UserModel> {
    return UserModel.from(await this.usersService.resetPassword(actor, input.userId, input.newPassword));
  }

  @Mutation(() => Boolean)
  @SignedIn()
  async changePassword(@CurrentActor() actor: Actor, @Args('input') input: ChangePasswordInput): Promise<boolean> {
    await this.usersService.changeOwnPassword(actor, input.currentPassword, input.newPassword);
    return true;
  }

  @Mutation(() => CadreImportReportModel, {
    description: 'Creates or updates cadres from a CSV file. Good rows are kept, bad rows are reported with line and reason; re-importing a file creates no duplicates.',
  })
  @Roles(Role.ADMIN)
  async importCadres(@CurrentActor() actor: Actor, @Args('input') input: ImportCadresInput): Promise<CadreImportReportModel> {
    return this.imports.importCsv(actor, input.csv, input.initialPassword);
  }

  @ResolveField(() => UnitModel)
  async unit(@Parent() user: UserModel, @Context() ctx: GraphQLContext): Promise<UnitModel> {
    const unit = await ctx.loaders.unit.load(user.unitId);
    if (!unit) throw new Error(`unit ${user.unitId} of user ${user.id} is missing`);
    return UnitModel.from(unit);
  }
}
