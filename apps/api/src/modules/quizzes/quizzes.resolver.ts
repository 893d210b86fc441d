import { ParseUUIDPipe } from '@nestjs/common';
import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Actor } from '@qinglian/common';
import { Role } from '@qinglian/identity';
import { QuestionBankService, QuizzesService } from '@qinglian/quizzes';
import { CurrentActor, Roles, SignedIn } from '../../auth/access.decorators';
import { toConnection } from '../../graphql/connection.model';
import type { GraphQLContext } from '../../graphql/loaders';
import { AvailableQuizzesArgs, QuizInput, QuizzesArgs, UpdateQuizInput } from './dto/quiz.inputs';
import { QuestionModel, QuizAttemptModel, QuizConnection, QuizModel } from './models/quiz.model';

const Id = (name: string) => Args(name, { type: () => ID }, ParseUUIDPipe);

@Resolver(() => QuizModel)
export class QuizzesResolver {
  constructor(
    private readonly catalogue: QuizzesService,
    private readonly bank: QuestionBankService,
  ) {}

  @Query(() => QuizConnection, { description: 'Trainers and administrators: quizzes of their part of the organisation.' })
  @Roles(Role.ADMIN, Role.TRAINER)
  async quizzes(@CurrentActor() actor: Actor, @Args() args: QuizzesArgs) {
    return toConnection(await this.catalogue.list(actor, args, args), QuizModel.from);
  }

  @Query(() => QuizConnection, { description: 'Quizzes, integrity exams and contests you may take.' })
  @Roles(Role.CADRE)
  async availableQuizzes(@CurrentActor() actor: Actor, @Args() args: AvailableQuizzesArgs) {
    return toConnection(await this.catalogue.available(actor, args, args), QuizModel.from);
  }

  @Query(() => QuizModel)
  @SignedIn()
  async quiz(@CurrentActor() actor: Actor, @Id('id') id: string) {
    return QuizModel.from(await this.catalogue.get(actor, id));
  }

  @Query(() => [QuestionModel], { description: 'A fixed quiz\'s questions with their answers (trainers and administrators).' })
  @Roles(Role.ADMIN, Role.TRAINER)
  async quizQuestions(@CurrentActor() actor: Actor, @Id('quizId') quizId: string) {
    await this.catalogue.managed(actor, quizId);
    const ids = await this.catalogue.currentQuestionIds(quizId);
    const rows = await this.bank.findByIds(ids);
    return ids.map((id) => rows.find((r) => r.id === id)!).map(QuestionModel.from);
  }

  @Mutation(() => QuizModel, { description: 'Creates a draft quiz, integrity exam or contest.' })
  @Roles(Role.ADMIN, Role.TRAINER)
  async createQuiz(@CurrentActor() actor: Actor, @Args('input') input: QuizInput) {
    return QuizModel.from(await this.catalogue.create(actor, input));
  }

  @Mutation(() => QuizModel, { description: 'Drafts change freely; a published quiz only its schedule.' })
  @Roles(Role.ADMIN, Role.TRAINER)
  async updateQuiz(@CurrentActor() actor: Actor, @Id('id') id: string, @Args('input') input: UpdateQuizInput) {
    return QuizModel.from(await this.catalogue.update(actor, id, input));
  }

  @Mutation(() => QuizModel, { description: 'Checks that the bank holds enough questions for every draw rule.' })
  @Roles(Role.ADMIN, Role.TRAINER)
  async publishQuiz(@CurrentActor() actor: Actor, @Id('id') id: string) {
    return QuizModel.from(await this.catalogue.publish(actor, id));
  }

  @Mutation(() => QuizModel)
  @Roles(Role.ADMIN, Role.TRAINER)
  async archiveQuiz(@CurrentActor() actor: Actor, @Id('id') id: string) {
    return QuizModel.from(await this.catalogue.archive(actor, id));
  }

  @ResolveField(() => [QuizAttemptModel], { description: 'Your attempts.' })
  async myAttempts(@Parent() quiz: QuizModel, @Context() ctx: GraphQLContext) {
    return (await ctx.loaders.myQuizAttempts.load(quiz.id)).map(QuizAttemptModel.from);
  }
}
