import { ParseUUIDPipe } from '@nestjs/common';
import { Args, Context, Field, ID, Int, Mutation, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Actor } from '@qinglian/common';
import { CoursesService } from '@qinglian/courses';
import { Role } from '@qinglian/identity';
import { MediaService } from '@qinglian/media';
import { CurrentActor, Roles, SignedIn } from '../../auth/access.decorators';
import { toConnection } from '../../graphql/connection.model';
import type { GraphQLContext } from '../../graphql/loaders';
import { UnitModel } from '../units/models/unit.model';
import { PersonSummaryModel, personOf } from '../users/models/person.model';
import { AssignCourseInput, CoursesArgs, CreateCourseInput, LessonInput, MyCoursesArgs, UpdateCourseInput, UpdateLessonInput } from './dto/course.inputs';
import { CourseAssignmentModel, CourseConnection, CourseModel, CourseProgressModel, CourseRevisionModel, LessonModel } from './models/course.model';

const Id = (name: string) => Args(name, { type: () => ID }, ParseUUIDPipe);
const Note = () => Args('note', { type: () => String, nullable: true, description: 'What changed (kept with the revision of a published course).' });

@ObjectType('CourseAuthor')
class CourseAuthorModel {
  @Field(() => ID) id: string;
  @Field() name: string;
}

@Resolver(() => CourseModel)
export class CoursesResolver {
  constructor(
    private readonly catalogue: CoursesService,
    private readonly media: MediaService,
  ) {}

  @Query(() => CourseConnection, { description: 'Trainers and administrators: the courses of their part of the organisation, any status.' })
  @Roles(Role.ADMIN, Role.TRAINER)
  async courses(@CurrentActor() actor: Actor, @Args() args: CoursesArgs) {
    return toConnection(await this.catalogue.list(actor, args, args), CourseModel.from);
  }

  @Query(() => CourseConnection, { description: 'Your catalogue: published courses meant for you, each REQUIRED or ELECTIVE.' })
  @Roles(Role.CADRE)
  async myCourses(@CurrentActor() actor: Actor, @Args() args: MyCoursesArgs) {
    return toConnection(await this.catalogue.myCourses(actor, args, args), CourseModel.from);
  }

  @Query(() => CourseModel)
  @SignedIn()
  async course(@CurrentActor() actor: Actor, @Id('id') id: string) {
    return CourseModel.from(await this.catalogue.get(actor, id));
  }

  @Query(() => [CourseRevisionModel], { description: 'Each published revision of a course, with what changed.' })
  @Roles(Role.ADMIN, Role.TRAINER)
  async courseRevisions(@CurrentActor() actor: Actor, @Id('courseId') courseId: string) {
    return (await this.catalogue.revisions(actor, courseId)).map(CourseRevisionModel.from);
  }

  @Query(() => [CourseAssignmentModel], { description: 'Cadres this course is required of by name.' })
  @Roles(Role.ADMIN, Role.TRAINER)
  async courseAssignments(@CurrentActor() actor: Actor, @Id('courseId') courseId: string) {
    return (await this.catalogue.assignments(actor, courseId)).map(CourseAssignmentModel.from);
  }

  @Mutation(() => CourseModel, { description: 'Creates a draft course.' })
  @Roles(Role.ADMIN, Role.TRAINER)
  async createCourse(@CurrentActor() actor: Actor, @Args('input') input: CreateCourseInput) {
    return view(await this.catalogue.create(actor, input));
  }

  @Mutation(() => CourseModel, { description: 'Edits a draft in place; editing a published course makes a new revision.' })
  @Roles(Role.ADMIN, Role.TRAINER)
  async updateCourse(@CurrentActor() actor: Actor, @Id('id') id: string, @Args('input') input: UpdateCourseInput, @Note() note?: string) {
    return view(await this.catalogue.update(actor, id, input, note));
  }

  @Mutation(() => CourseModel)
  @Roles(Role.ADMIN, Role.TRAINER)
  async publishCourse(@CurrentActor() actor: Actor, @Id('id') id: string) {
    return view(await this.catalogue.publish(actor, id));
  }

  @Mutation(() => CourseModel, { description: 'Takes a course out of the catalogue; hours already earned stay.' })
  @Roles(Role.ADMIN, Role.TRAINER)
  async archiveCourse(@CurrentActor() actor: Actor, @Id('id') id: string) {
    return view(await this.catalogue.archive(actor, id));
  }

  @Mutation(() => LessonModel, { description: 'Adds a lesson at the end.' })
  @Roles(Role.ADMIN, Role.TRAINER)
  async addLesson(@CurrentActor() actor: Actor, @Id('courseId') courseId: string, @Args('input') input: LessonInput, @Note() note?: string) {
    return LessonModel.from(await this.catalogue.addLesson(actor, courseId, input, note));
  }

  @Mutation(() => LessonModel)
  @Roles(Role.ADMIN, Role.TRAINER)
  async updateLesson(@CurrentActor() actor: Actor, @Id('lessonId') lessonId: string, @Args('input') input: UpdateLessonInput, @Note() note?: string) {
    return LessonModel.from(await this.catalogue.updateLesson(actor, lessonId, input, note));
  }

  @Mutation(() => CourseModel)
  @Roles(Role.ADMIN, Role.TRAINER)
  async removeLesson(@CurrentActor() actor: Actor, @Id('lessonId') lessonId: string, @Note() note?: string) {
    return view(await this.catalogue.removeLesson(actor, lessonId, note));
  }

  @Mutation(() => CourseModel, { description: 'Puts the lessons in this order (every lesson once).' })
  @Roles(Role.ADMIN, Role.TRAINER)
  async reorderLessons(
    @CurrentActor() actor: Actor,
    @Id('courseId') courseId: string,
    @Args('lessonIds', { type: () => [ID] }) lessonIds: string[],
    @Note() note?: string,
  ) {
    return view(await this.catalogue.reorderLessons(actor, courseId, lessonIds, note));
  }

  @Mutation(() => Int, { description: 'Requires the course of named cadres by a deadline (individual admonishment programme); returns how many.' })
  @Roles(Role.ADMIN, Role.TRAINER)
  async assignCourse(@CurrentActor() actor: Actor, @Args('input') input: AssignCourseInput) {
    return this.catalogue.assign(actor, input.courseId, input.userIds, input.dueAt, input.reason);
  }

  @Mutation(() => Boolean)
  @Roles(Role.ADMIN, Role.TRAINER)
  async unassignCourse(@CurrentActor() actor: Actor, @Id('courseId') courseId: string, @Id('userId') userId: string) {
    return this.catalogue.unassign(actor, courseId, userId);
  }

  @ResolveField(() => [LessonModel], { description: 'In order; removed lessons are left out.' })
  async lessons(@Parent() course: CourseModel, @Context() ctx: GraphQLContext) {
    return (await ctx.loaders.lessons.load(course.id)).map(LessonModel.from);
  }

  @ResolveField(() => CourseAuthorModel, { nullable: true })
  async author(@Parent() course: CourseModel, @Context() ctx: GraphQLContext) {
    const user = course.authorId ? await ctx.loaders.user.load(course.authorId) : null;
    return user ? { id: user.id, name: user.name } : null;
  }

  @ResolveField(() => UnitModel, { description: 'The owning unit.' })
  async unit(@Parent() course: CourseModel, @Context() ctx: GraphQLContext) {
    const unit = await ctx.loaders.unit.load(course.unitId);
    return unit ? UnitModel.from(unit) : null;
  }

  @ResolveField(() => CourseProgressModel, { nullable: true, description: 'Your progress in this course.' })
  async myProgress(@Parent() course: CourseModel, @Context() ctx: GraphQLContext) {
    return ctx.loaders.myCourseProgress.load(course.id);
  }

  @ResolveField(() => String, { nullable: true, description: 'Signed, short-lived link to the cover image.' })
  coverUrl(@Parent() course: CourseModel, @CurrentActor() actor: Actor) {
    return course.coverMediaId ? this.media.url({ id: course.coverMediaId, posterKey: null }, actor.id) : null;
  }
}

const view = (course: Parameters<typeof CourseModel.from>[0]['course']) => CourseModel.from({ course, requirement: null, dueAt: null });

@Resolver(() => CourseAssignmentModel)
export class CourseAssignmentFieldsResolver {
  @ResolveField(() => PersonSummaryModel, { description: 'The cadre the course is assigned to.' })
  person(@Parent() assignment: CourseAssignmentModel, @Context() ctx: GraphQLContext): Promise<PersonSummaryModel> {
    return personOf(assignment.userId, ctx);
  }
}
