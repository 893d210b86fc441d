import { ParseUUIDPipe } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '@qinglian/common';
import { Role } from '@qinglian/identity';
import { QuestionBankService } from '@qinglian/quizzes';
import { CurrentActor, Roles } from '../../auth/access.decorators';
import { toConnection } from '../../graphql/connection.model';
import { ImportQuestionsInput, QuestionInput, QuestionsArgs } from './dto/quiz.inputs';
import { QuestionConnection, QuestionImportReportModel, QuestionModel } from './models/quiz.model';

const Id = (name: string) => Args(name, { type: () => ID }, ParseUUIDPipe);

/** The question bank: trainers and administrators of the owning unit's subtree only (answers are in here). */
@Resolver(() => QuestionModel)
export class QuestionBankResolver {
  constructor(private readonly bank: QuestionBankService) {}

  @Query(() => QuestionConnection, { description: 'Current questions of your part of the organisation.' })
  @Roles(Role.ADMIN, Role.TRAINER)
  async questions(@CurrentActor() actor: Actor, @Args() args: QuestionsArgs) {
    return toConnection(await this.bank.list(actor, args, args), QuestionModel.from);
  }

  @Query(() => QuestionModel)
  @Roles(Role.ADMIN, Role.TRAINER)
  async question(@CurrentActor() actor: Actor, @Id('id') id: string) {
    return QuestionModel.from(await this.bank.get(actor, id));
  }

  @Mutation(() => QuestionModel)
  @Roles(Role.ADMIN, Role.TRAINER)
  async createQuestion(@CurrentActor() actor: Actor, @Args('input') input: QuestionInput, @Args('unitId', { type: () => ID, nullable: true }) unitId?: string) {
    return QuestionModel.from(await this.bank.create(actor, input, unitId));
  }

  @Mutation(() => QuestionModel, { description: 'Edits in place, or adds a new version when a finished attempt used this one.' })
  @Roles(Role.ADMIN, Role.TRAINER)
  async updateQuestion(@CurrentActor() actor: Actor, @Id('id') id: string, @Args('input') input: QuestionInput) {
    return QuestionModel.from(await this.bank.update(actor, id, input));
  }

  @Mutation(() => QuestionModel)
  @Roles(Role.ADMIN, Role.TRAINER)
  async archiveQuestion(@CurrentActor() actor: Actor, @Id('id') id: string) {
    return QuestionModel.from(await this.bank.archive(actor, id));
  }

  @Mutation(() => QuestionImportReportModel, { description: 'Imports a CSV or JSON file; good rows are kept, bad rows reported with every problem.' })
  @Roles(Role.ADMIN, Role.TRAINER)
  importQuestions(@CurrentActor() actor: Actor, @Args('input') input: ImportQuestionsInput) {
    return this.bank.import(actor, input.format, input.content, input.unitId);
  }
}
