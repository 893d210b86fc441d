import { ArgsType, Field, Float, ID, InputType, Int, PartialType } from '@nestjs/graphql';
import { CourseStatus, CourseSubject, LessonKind, Requirement } from '@qinglian/courses';
import { CadreTier } from '@qinglian/identity';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDate,
  IsEnum,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { PageArgs } from '../../../graphql/page.args';
import '../models/course.model';

@InputType()
export class CreateCourseInput {
  @Field() @IsString() @IsNotEmpty() @MaxLength(200) title: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(5000) summary?: string | null;
  @Field(() => CourseSubject) @IsEnum(CourseSubject) subject: CourseSubject;
  @Field(() => Float, { description: 'Class hours, e.g. 0.5.' }) @IsNumber({ maxDecimalPlaces: 2 }) @Min(0) @Max(999) classHours: number;
  @Field(() => ID, { nullable: true, description: 'An uploaded IMAGE.' }) @IsOptional() @IsUUID('all', { message: 'must be a media id' }) coverMediaId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Owning unit; defaults to yours.' }) @IsOptional() @IsUUID('all', { message: 'must be a unit id' }) unitId?: string | null;
  @Field(() => Int, { nullable: true, description: 'The year it counts towards; defaults to this year.' }) @IsOptional() @IsInt() @Min(2000) @Max(2100) year?: number | null;
  @Field(() => [CadreTier], { nullable: true, description: 'Required of these tiers; elective for everyone else.' })
  @IsOptional()
  @IsArray()
  @IsEnum(CadreTier, { each: true })
  requiredTiers?: CadreTier[] | null;
  @Field(() => [ID], { nullable: true, description: 'Narrows the requirement to these units and their subunits.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true, message: 'must be unit ids' })
  requiredUnitIds?: string[] | null;
}

@InputType()
export class UpdateCourseInput extends PartialType(CreateCourseInput) {}

@InputType()
export class LessonInput {
  @Field(() => LessonKind) @IsEnum(LessonKind) kind: LessonKind;
  @Field() @IsString() @IsNotEmpty() @MaxLength(200) title: string;
  @Field(() => Boolean, { nullable: true }) @IsOptional() @IsBoolean() optional?: boolean | null;
  @Field(() => String, { nullable: true, description: 'ARTICLE: HTML; scripts and styles are removed.' }) @IsOptional() @IsString() @MaxLength(400_000) body?: string | null;
  @Field(() => Int, { nullable: true, description: 'ARTICLE: seconds of reading before it counts (default from its length).' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(7200)
  minReadingSeconds?: number | null;
  @Field(() => ID, { nullable: true, description: 'VIDEO: an uploaded film; DOCUMENT: an uploaded PDF.' }) @IsOptional() @IsUUID('all', { message: 'must be a media id' }) mediaId?: string | null;
  @Field(() => ID, { nullable: true, description: 'QUIZ: the quiz to pass.' }) @IsOptional() @IsUUID('all', { message: 'must be a quiz id' }) quizId?: string | null;
}

@InputType()
export class UpdateLessonInput extends PartialType(LessonInput) {}

@ArgsType()
export class CoursesArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Words in the title or summary (Chinese substrings work).' }) @IsOptional() @IsString() @MaxLength(100) keyword?: string | null;
  @Field(() => CourseSubject, { nullable: true }) @IsOptional() @IsEnum(CourseSubject) subject?: CourseSubject | null;
  @Field(() => CourseStatus, { nullable: true }) @IsOptional() @IsEnum(CourseStatus) status?: CourseStatus | null;
  @Field(() => CadreTier, { nullable: true, description: 'Courses required of this tier.' }) @IsOptional() @IsEnum(CadreTier) tier?: CadreTier | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(2000) @Max(2100) year?: number | null;
}

@ArgsType()
export class MyCoursesArgs extends PageArgs {
  @Field(() => Requirement, { nullable: true, description: 'REQUIRED: what is required of you; ELECTIVE: the rest.' }) @IsOptional() @IsEnum(Requirement) requirement?: Requirement | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(100) keyword?: string | null;
  @Field(() => CourseSubject, { nullable: true }) @IsOptional() @IsEnum(CourseSubject) subject?: CourseSubject | null;
  @Field(() => Int, { nullable: true, description: 'e.g. this year for "my required courses this year".' }) @IsOptional() @IsInt() @Min(2000) @Max(2100) year?: number | null;
}

@InputType()
export class AssignCourseInput {
  @Field(() => ID) @IsUUID('all', { message: 'must be a course id' }) courseId: string;
  @Field(() => [ID]) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(500) @IsUUID('all', { each: true, message: 'must be user ids' }) userIds: string[];
  @Field(() => Date) @Type(() => Date) @IsDate() dueAt: Date;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(200) reason?: string | null;
}

@InputType({ description: 'Sent by the player every few seconds while a film plays.' })
export class VideoHeartbeatInput {
  @Field(() => ID) @IsUUID('all', { message: 'must be a session id from startVideo' }) sessionId: string;
  @Field(() => ID) @IsUUID('all', { message: 'must be a lesson id' }) lessonId: string;
  @Field(() => Int, { description: '1, 2, 3... within the session.' }) @IsInt() seq: number;
  @Field(() => Float, { description: 'Seconds into the film.' }) @IsNumber({ allowNaN: false, allowInfinity: false }) position: number;
  @Field(() => Float) @IsNumber({ allowNaN: false, allowInfinity: false }) playbackRate: number;
  @Field({ description: 'The page is visible.' }) @IsBoolean() visible: boolean;
  @Field(() => Boolean, { nullable: true, description: 'The presence check ("still there?") went unanswered.' }) @IsOptional() @IsBoolean() idle?: boolean | null;
  @Field(() => Date, { description: "The player's clock." }) @Type(() => Date) @IsDate() clientTime: Date;
}
