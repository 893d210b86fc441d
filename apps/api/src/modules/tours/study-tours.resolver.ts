import { ParseBoolPipe, ParseIntPipe, ParseUUIDPipe } from '@nestjs/common';
import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Actor } from '@qinglian/common';
import { Role } from '@qinglian/identity';
import { StudyToursService } from '@qinglian/tours';
import { CurrentActor, Roles, SignedIn } from '../../auth/access.decorators';
import { toConnection } from '../../graphql/connection.model';
import type { GraphQLContext } from '../../graphql/loaders';
import { CheckInArgs, CreateTourInput, TourSignUpsArgs, ToursArgs, UpdateTourInput } from './dto/tour.inputs';
import { PersonSummaryModel, personOf } from '../users/models/person.model';
import { CheckInCodeModel, StudyTourConnection, StudyTourModel, TourSignUpConnection, TourSignUpModel } from './models/study-tour.model';

const Id = (name: string) => Args(name, { type: () => ID }, ParseUUIDPipe);

@Resolver(() => StudyTourModel)
export class StudyToursResolver {
  constructor(private readonly tours: StudyToursService) {}

  @Query(() => StudyTourConnection, { description: 'Organisers: tours of their subtree. Cadres: published tours they may join.' })
  @SignedIn()
  async studyTours(@CurrentActor() actor: Actor, @Args() args: ToursArgs) {
    return toConnection(await this.tours.list(actor, args, args), StudyTourModel.from);
  }

  @Query(() => StudyTourModel)
  @SignedIn()
  async studyTour(@CurrentActor() actor: Actor, @Id('id') id: string) {
    return StudyTourModel.from(await this.tours.get(actor, id));
  }

  @Query(() => TourSignUpConnection, { description: 'Sign-ups of a tour in arrival order (organisers only).' })
  @Roles(Role.ADMIN, Role.TRAINER)
  async tourSignUps(@CurrentActor() actor: Actor, @Args() args: TourSignUpsArgs) {
    return toConnection(await this.tours.signUps(actor, args.tourId, args.status ?? null, args), (s) => TourSignUpModel.from(s));
  }

  @Mutation(() => StudyTourModel, { description: 'Creates a draft tour.' })
  @Roles(Role.ADMIN, Role.TRAINER)
  async createStudyTour(@CurrentActor() actor: Actor, @Args('input') input: CreateTourInput) {
    return StudyTourModel.from(await this.tours.create(actor, input));
  }

  @Mutation(() => StudyTourModel, { description: 'Edits a draft tour (only the fields given); an open tour changes its seats with setStudyTourCapacity.' })
  @Roles(Role.ADMIN, Role.TRAINER)
  async updateStudyTour(@CurrentActor() actor: Actor, @Id('id') id: string, @Args('input') input: UpdateTourInput) {
    return StudyTourModel.from(await this.tours.update(actor, id, input));
  }

  @Mutation(() => StudyTourModel)
  @Roles(Role.ADMIN, Role.TRAINER)
  async openStudyTour(@CurrentActor() actor: Actor, @Id('id') id: string) {
    return StudyTourModel.from(await this.tours.open(actor, id));
  }

  @Mutation(() => StudyTourModel)
  @Roles(Role.ADMIN, Role.TRAINER)
  async closeStudyTour(@CurrentActor() actor: Actor, @Id('id') id: string) {
    return StudyTourModel.from(await this.tours.close(actor, id));
  }

  @Mutation(() => StudyTourModel, { description: 'Cancels the tour and tells everyone signed up.' })
  @Roles(Role.ADMIN, Role.TRAINER)
  async cancelStudyTour(@CurrentActor() actor: Actor, @Id('id') id: string, @Args('reason') reason: string) {
    return StudyTourModel.from(await this.tours.cancel(actor, id, reason));
  }

  @Mutation(() => StudyTourModel, { description: 'Raising promotes waitlisted cadres; lowering below the confirmed count is refused.' })
  @Roles(Role.ADMIN, Role.TRAINER)
  async setStudyTourCapacity(@CurrentActor() actor: Actor, @Id('id') id: string, @Args('capacity', { type: () => Int }, ParseIntPipe) capacity: number) {
    return StudyTourModel.from(await this.tours.setCapacity(actor, id, capacity));
  }

  @Mutation(() => TourSignUpModel, { description: 'CONFIRMED while seats remain, else WAITLISTED; PENDING when the tour needs approval.' })
  @Roles(Role.CADRE)
  async signUpForTour(@CurrentActor() actor: Actor, @Id('tourId') tourId: string) {
    const view = await this.tours.signUp(actor, tourId);
    return TourSignUpModel.from(view.signUp, view.waitlistPosition);
  }

  @Mutation(() => TourSignUpModel, { description: 'Before the cancellation cut-off; a freed seat goes to the earliest waitlisted cadre.' })
  @Roles(Role.CADRE)
  async cancelTourSignUp(@CurrentActor() actor: Actor, @Id('tourId') tourId: string) {
    return TourSignUpModel.from((await this.tours.cancelSignUp(actor, tourId)).signUp);
  }

  @Mutation(() => TourSignUpModel)
  @Roles(Role.ADMIN, Role.TRAINER)
  async removeTourSignUp(@CurrentActor() actor: Actor, @Id('signUpId') signUpId: string) {
    return TourSignUpModel.from((await this.tours.removeSignUp(actor, signUpId)).signUp);
  }

  @Mutation(() => TourSignUpModel)
  @Roles(Role.ADMIN, Role.TRAINER)
  async decideTourSignUp(@CurrentActor() actor: Actor, @Id('signUpId') signUpId: string, @Args('approve', ParseBoolPipe) approve: boolean) {
    const view = await this.tours.decide(actor, signUpId, approve);
    return TourSignUpModel.from(view.signUp, view.waitlistPosition);
  }

  @Query(() => CheckInCodeModel, { description: 'Your check-in code for a tour where you hold a confirmed seat.' })
  @Roles(Role.CADRE)
  async myTourCheckInCode(@CurrentActor() actor: Actor, @Id('tourId') tourId: string) {
    return this.tours.myCheckInCode(actor, tourId);
  }

  @Mutation(() => TourSignUpModel, { description: 'Checks a confirmed cadre in, from the list (signUpId) or with the code on their phone.' })
  @Roles(Role.ADMIN, Role.TRAINER)
  async checkInForTour(@CurrentActor() actor: Actor, @Args() args: CheckInArgs) {
    return TourSignUpModel.from(await this.tours.checkIn(actor, args.tourId, args));
  }

  @Mutation(() => StudyTourModel, { description: 'After the tour: checked-in cadres ATTENDED (earning the class hours), other confirmed ones NO_SHOW.' })
  @Roles(Role.ADMIN, Role.TRAINER)
  async completeStudyTour(@CurrentActor() actor: Actor, @Id('id') id: string) {
    return StudyTourModel.from(await this.tours.complete(actor, id));
  }

  @Mutation(() => TourSignUpModel, { description: 'Corrects one cadre\'s attendance on a completed tour.' })
  @Roles(Role.ADMIN, Role.TRAINER)
  async setTourAttendance(@CurrentActor() actor: Actor, @Id('signUpId') signUpId: string, @Args('attended', ParseBoolPipe) attended: boolean) {
    return TourSignUpModel.from(await this.tours.setAttendance(actor, signUpId, attended));
  }

  @ResolveField(() => TourSignUpModel, { nullable: true, description: "The caller's own sign-up." })
  async mySignUp(@Parent() tour: StudyTourModel, @Context() ctx: GraphQLContext) {
    const view = await ctx.loaders.mySignUp.load(tour.id);
    return view ? TourSignUpModel.from(view.signUp, view.waitlistPosition) : null;
  }
}

@Resolver(() => TourSignUpModel)
export class TourSignUpFieldsResolver {
  @ResolveField(() => PersonSummaryModel, { description: 'The cadre who signed up: name and unit (organisers read the list; a cadre reads only their own sign-up).' })
  async person(@Parent() signUp: TourSignUpModel, @Context() ctx: GraphQLContext): Promise<PersonSummaryModel> {
    return personOf(signUp.userId, ctx);
  }
}

