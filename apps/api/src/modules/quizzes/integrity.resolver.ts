import { ParseUUIDPipe } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '@qinglian/common';
import { Role } from '@qinglian/identity';
import { IntegrityService } from '@qinglian/quizzes';
import { CurrentActor, Roles, SignedIn } from '../../auth/access.decorators';
import { CommitmentLetterModel, CommitmentSignatureModel, IntegrityRecordModel } from './models/quiz.model';

@Resolver()
export class IntegrityResolver {
  constructor(private readonly integrity: IntegrityService) {}

  @Mutation(() => CommitmentLetterModel, { description: 'Sets the commitment letter text for a unit and below (a new version; signed copies keep their text).' })
  @Roles(Role.ADMIN)
  async setCommitmentLetter(@CurrentActor() actor: Actor, @Args('body') body: string, @Args('unitId', { type: () => ID, nullable: true }) unitId?: string) {
    return CommitmentLetterModel.from(await this.integrity.setLetter(actor, body, unitId));
  }

  @Query(() => CommitmentLetterModel, { nullable: true, description: 'The commitment letter that applies to you.' })
  @SignedIn()
  async myCommitmentLetter(@CurrentActor() actor: Actor) {
    const letter = await this.integrity.letterFor(actor.id);
    return letter ? CommitmentLetterModel.from(letter) : null;
  }

  @Query(() => CommitmentLetterModel, {
    nullable: true,
    description: 'The letter that applies to a unit of your subtree: its own, or the nearest unit\'s above it (compare `unitId`); your unit when none is named.',
  })
  @Roles(Role.ADMIN)
  async commitmentLetter(@CurrentActor() actor: Actor, @Args('unitId', { type: () => ID, nullable: true }) unitId?: string) {
    const letter = await this.integrity.letterForUnit(actor, unitId);
    return letter ? CommitmentLetterModel.from(letter) : null;
  }

  @Mutation(() => CommitmentSignatureModel, { description: 'Signs the commitment letter after passing an integrity exam; once, and never changed.' })
  @Roles(Role.CADRE)
  async signCommitmentLetter(@CurrentActor() actor: Actor, @Args('attemptId', { type: () => ID }, ParseUUIDPipe) attemptId: string) {
    return CommitmentSignatureModel.from(await this.integrity.sign(actor, attemptId));
  }

  @Query(() => IntegrityRecordModel, { description: "Integrity exam results and signed letters: yours, or a cadre's of your subtree." })
  @SignedIn()
  async integrityRecord(@CurrentActor() actor: Actor, @Args('userId', { type: () => ID, nullable: true }) userId?: string) {
    const record = await this.integrity.record(actor, userId ?? actor.id);
    return { ...record, signatures: record.signatures.map(CommitmentSignatureModel.from) };
  }
}
