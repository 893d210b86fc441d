import { ParseUUIDPipe } from '@nestjs/common';
import { Args, ID, Mutation, Resolver } from '@nestjs/graphql';
import type { Actor } from '@qinglian/common';
import { StudyService } from '@qinglian/courses';
import { CurrentActor, SignedIn } from '../../auth/access.decorators';
import { VideoHeartbeatInput } from './dto/course.inputs';
import { HeartbeatResultModel, LessonOpenedModel, VideoSessionModel } from './models/study.model';

const Id = (name: string) => Args(name, { type: () => ID }, ParseUUIDPipe);

/** A learner's study actions; each checks that the lesson belongs to a course published for the caller. */
@Resolver()
export class StudyResolver {
  constructor(private readonly study: StudyService) {}

  @Mutation(() => LessonOpenedModel, { description: 'Opens an article, document or quiz lesson (a document completes on opening).' })
  @SignedIn()
  openLesson(@CurrentActor() actor: Actor, @Id('lessonId') lessonId: string) {
    return this.study.openLesson(actor, lessonId);
  }

  @Mutation(() => LessonOpenedModel, { description: 'Completes an article once its minimum reading time has passed.' })
  @SignedIn()
  async finishReading(@CurrentActor() actor: Actor, @Id('lessonId') lessonId: string) {
    return { ...(await this.study.finishReading(actor, lessonId)), documentUrl: null };
  }

  @Mutation(() => VideoSessionModel, { description: 'Starts a playback of a film: a session for heartbeats and a signed link to the bytes.' })
  @SignedIn()
  startVideo(@CurrentActor() actor: Actor, @Id('lessonId') lessonId: string) {
    return this.study.startVideo(actor, lessonId);
  }

  @Mutation(() => HeartbeatResultModel, { description: 'Reports playback every few seconds; only time really watched is credited.' })
  @SignedIn()
  recordVideoHeartbeat(@CurrentActor() actor: Actor, @Args('input') input: VideoHeartbeatInput) {
    return this.study.heartbeat(actor, input);
  }
}
