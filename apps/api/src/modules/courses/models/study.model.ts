import { Field, Float, ID, ObjectType } from '@nestjs/graphql';
import { CreditReason } from '@qinglian/courses';
import { LessonProgressModel } from './course.model';

@ObjectType('VideoSession', { description: 'One playback of a film (one per player or tab).' })
export class VideoSessionModel {
  @Field(() => ID) sessionId: string;
  @Field(() => ID) lessonId: string;
  @Field(() => Float) durationSeconds: number;
  @Field(() => Float, { description: 'Seconds that must be really watched to complete the lesson.' }) requiredSeconds: number;
  @Field({ description: 'Signed, short-lived link to the film; supports HTTP Range requests.' }) playbackUrl: string;
  @Field(() => String, { nullable: true }) posterUrl: string | null;
  @Field(() => LessonProgressModel) progress: LessonProgressModel;
}

@ObjectType('HeartbeatResult')
export class HeartbeatResultModel {
  @Field(() => CreditReason) reason: CreditReason;
  @Field(() => Float, { description: 'Seconds of the film this heartbeat newly credited.' }) creditedSeconds: number;
  @Field(() => Float) durationSeconds: number;
  @Field(() => LessonProgressModel) progress: LessonProgressModel;
  @Field() lessonCompleted: boolean;
  @Field() courseCompleted: boolean;
}

@ObjectType('LessonOpened')
export class LessonOpenedModel {
  @Field(() => LessonProgressModel) progress: LessonProgressModel;
  @Field() courseCompleted: boolean;
  @Field(() => String, { nullable: true, description: 'DOCUMENT: signed, short-lived link to the PDF.' }) documentUrl: string | null;
}
