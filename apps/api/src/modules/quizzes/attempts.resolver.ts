import { ParseIntPipe, ParseUUIDPipe } from '@nestjs/common';
import { Args, Float, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Actor, Clock } from '@qinglian/common';
import { Role } from '@qinglian/identity';
import { AttemptsService } from '@qinglian/quizzes';
import { CurrentActor, Roles, SignedIn } from '../../auth/access.decorators';
import { AnswerInput, PositionedAnswerInput } from './dto/quiz.inputs';
import { AttemptItemModel, PendingAnswerModel, QuizAttemptDetailModel, QuizAttemptModel, RankingsModel } from './models/quiz.model';

const Id = (name: string) => Args(name, { type: () => ID }, ParseUUIDPipe);

@Resolver(() => QuizAttemptDetailModel)
export class AttemptsResolver {
  constructor(
    private readonly attempts: AttemptsService,
    private readonly clock: Clock,
  ) {}

  @Mutation(() => QuizAttemptDetailModel, { description: 'Starts an attempt (or returns the one still open): questions drawn, options shuffled, deadline set.' })
  @SignedIn()
  async startQuizAttempt(@CurrentActor() actor: Actor, @Id('quizId') quizId: string) {
    return QuizAttemptDetailModel.fromView(await this.attempts.start(actor, quizId), this.clock.now());
  }

  @Mutation(() => AttemptItemModel, { description: 'Autosave of one answer; idempotent. With seq, a save older than the last one saved is ignored.' })
  @SignedIn()
  async saveQuizAnswer(
    @CurrentActor() actor: Actor,
    @Id('attemptId') attemptId: string,
    @Args('position', { type: () => Int }, ParseIntPipe) position: number,
    @Args('answer') answer: AnswerInput,
    @Args('seq', { type: () => Int, nullable: true }) seq?: number,
  ) {
    return AttemptItemModel.from(await this.attempts.saveAnswer(actor, attemptId, position, answer, seq));
  }

  @Mutation(() => Int, { description: 'Saves many answers at once (e.g. those kept while offline); one bad answer saves none. Returns how many were saved.' })
  @SignedIn()
  saveQuizAnswers(
    @CurrentActor() actor: Actor,
    @Id('attemptId') attemptId: string,
    @Args('answers', { type: () => [PositionedAnswerInput] }) answers: PositionedAnswerInput[],
  ) {
    return this.attempts.saveAnswers(actor, attemptId, answers);
  }

  @Mutation(() => QuizAttemptDetailModel, { description: 'Submits and grades on the server; a second submit is refused.' })
  @SignedIn()
  async submitQuizAttempt(@CurrentActor() actor: Actor, @Id('attemptId') attemptId: string) {
    return QuizAttemptDetailModel.fromView(await this.attempts.submit(actor, attemptId), this.clock.now());
  }

  @Query(() => QuizAttemptDetailModel, { description: 'Your attempt (answers and explanations only as the review policy allows), or one of your quizzes for staff.' })
  @SignedIn()
  async quizAttempt(@CurrentActor() actor: Actor, @Id('id') id: string) {
    return QuizAttemptDetailModel.fromView(await this.attempts.view(actor, id), this.clock.now());
  }

  @Query(() => [QuizAttemptModel])
  @SignedIn()
  async myQuizAttempts(@CurrentActor() actor: Actor, @Id('quizId') quizId: string) {
    return (await this.attempts.myAttempts(actor, quizId)).map(QuizAttemptModel.from);
  }

  @Query(() => [PendingAnswerModel], { description: 'Short answers waiting for a trainer.' })
  @Roles(Role.ADMIN, Role.TRAINER)
  pendingShortAnswers(@CurrentActor() actor: Actor, @Id('quizId') quizId: string) {
    return this.attempts.pendingAnswers(actor, quizId);
  }

  @Mutation(() => QuizAttemptDetailModel, { description: 'Scores one short answer; the attempt is graded when the last one is scored.' })
  @Roles(Role.ADMIN, Role.TRAINER)
  async gradeShortAnswer(
    @CurrentActor() actor: Actor,
    @Id('attemptId') attemptId: string,
    @Args('position', { type: () => Int }, ParseIntPipe) position: number,
    @Args('score', { type: () => Float }) score: number,
    @Args('comment', { type: () => String, nullable: true }) comment?: string,
  ) {
    return QuizAttemptDetailModel.fromView(await this.attempts.gradeAnswer(actor, attemptId, position, score, comment), this.clock.now());
  }

  @Query(() => RankingsModel, { description: 'Contest rankings: people by score then time taken; units by average score and participation.' })
  @SignedIn()
  async contestRankings(@CurrentActor() actor: Actor, @Id('quizId') quizId: string) {
    const r = await this.attempts.rankings(actor, quizId);
    return { people: r.people, units: r.units, final: r.quiz.closesAt !== null && this.clock.now() >= r.quiz.closesAt };
  }
}
