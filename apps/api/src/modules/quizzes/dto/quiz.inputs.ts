import { ArgsType, Field, Float, ID, InputType, Int, PartialType } from '@nestjs/graphql';
import { CourseSubject } from '@qinglian/courses';
import { QuestionFileFormat, QuestionKind, QuizMode, QuizStatus, ReviewPolicy, ScoringRule } from '@qinglian/quizzes';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsDate, IsEnum, IsInt, IsNumber, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { PageArgs } from '../../../graphql/page.args';
import '../models/quiz.model';

@InputType()
export class QuestionInput {
  @Field(() => QuestionKind) @IsEnum(QuestionKind) kind: QuestionKind;
  @Field() @IsString() @MaxLength(5000) stem: string;
  @Field(() => [String], { nullable: true, description: 'Choice questions: option texts in order (keys A, B, C...).' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(8)
  @IsString({ each: true })
  options?: string[] | null;
  @Field(() => [String], { description: 'Correct keys ("B" or "A","C"); TRUE/FALSE; accepted fill-in answers; a model short answer.' })
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  answer: string[];
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(5000) explanation?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(300) source?: string | null;
  @Field(() => CourseSubject) @IsEnum(CourseSubject) subject: CourseSubject;
  @Field(() => Int) @IsInt() @Min(1) @Max(5) difficulty: number;
  @Field(() => [String], { nullable: true }) @IsOptional() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) tags?: string[] | null;
}

@ArgsType()
export class QuestionsArgs extends PageArgs {
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(100) keyword?: string | null;
  @Field(() => QuestionKind, { nullable: true }) @IsOptional() @IsEnum(QuestionKind) kind?: QuestionKind | null;
  @Field(() => CourseSubject, { nullable: true }) @IsOptional() @IsEnum(CourseSubject) subject?: CourseSubject | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) @Max(5) difficulty?: number | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(40) tag?: string | null;
}

@InputType()
export class ImportQuestionsInput {
  @Field(() => QuestionFileFormat) @IsEnum(QuestionFileFormat) format: QuestionFileFormat;
  @Field({ description: 'The file: CSV (headers 题型,题干,选项A..选项H,答案,解析,科目,难度,标签,出处 or English) or a JSON array.' })
  @IsString()
  @MaxLength(8_000_000)
  content: string;
  @Field(() => ID, { nullable: true, description: 'The owning unit; defaults to yours.' }) @IsOptional() @IsUUID('all', { message: 'must be a unit id' }) unitId?: string | null;
}

@InputType()
export class DrawRuleInput {
  @Field(() => Int) @IsInt() @Min(1) @Max(200) count: number;
  @Field(() => QuestionKind, { nullable: true }) @IsOptional() @IsEnum(QuestionKind) kind?: QuestionKind | null;
  @Field(() => CourseSubject, { nullable: true }) @IsOptional() @IsEnum(CourseSubject) subject?: CourseSubject | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) @Max(5) minDifficulty?: number | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) @Max(5) maxDifficulty?: number | null;
  @Field(() => [String], { nullable: true, description: 'At least one of these tags.' }) @IsOptional() @IsArray() @IsString({ each: true }) tags?: string[] | null;
  @Field(() => Float, { nullable: true, description: 'Points per question (default 1).' }) @IsOptional() @IsNumber() points?: number | null;
}

@InputType()
export class QuizInput {
  @Field() @IsString() @MaxLength(200) title: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(5000) description?: string | null;
  @Field(() => QuizMode) @IsEnum(QuizMode) mode: QuizMode;
  @Field(() => [ID], { nullable: true, description: 'FIXED: the questions in order.' }) @IsOptional() @IsArray() @IsUUID('all', { each: true, message: 'must be question ids' }) questionIds?: string[] | null;
  @Field(() => [DrawRuleInput], { nullable: true, description: 'DRAW: e.g. 20 single-choice of difficulty <= 3 from a subject, then 10 true/false.' })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => DrawRuleInput)
  drawRules?: DrawRuleInput[] | null;
  @Field(() => Date, { nullable: true }) @IsOptional() @Type(() => Date) @IsDate() opensAt?: Date | null;
  @Field(() => Date, { nullable: true }) @IsOptional() @Type(() => Date) @IsDate() closesAt?: Date | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() timeLimitSeconds?: number | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() maxAttempts?: number | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() minDelaySeconds?: number | null;
  @Field(() => Float, { description: 'Percentage needed to pass, e.g. 80.' }) @IsNumber() passMark: number;
  @Field(() => ScoringRule, { nullable: true }) @IsOptional() @IsEnum(ScoringRule) scoring?: ScoringRule | null;
  @Field(() => ReviewPolicy, { nullable: true }) @IsOptional() @IsEnum(ReviewPolicy) reviewPolicy?: ReviewPolicy | null;
  @Field(() => Boolean, { nullable: true }) @IsOptional() @IsBoolean() integrityExam?: boolean | null;
  @Field(() => Float, { nullable: true }) @IsOptional() @IsNumber() classHours?: number | null;
  @Field(() => Boolean, { nullable: true }) @IsOptional() @IsBoolean() contest?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Contests: show rankings while running.' }) @IsOptional() @IsBoolean() liveRanking?: boolean | null;
  @Field(() => [ID], { nullable: true, description: 'Who may take it (with subunits); empty: the owning unit.' })
  @IsOptional()
  @IsArray()
  @IsUUID('all', { each: true, message: 'must be unit ids' })
  audienceUnitIds?: string[] | null;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID('all', { message: 'must be a unit id' }) unitId?: string | null;
}

@InputType()
export class UpdateQuizInput extends PartialType(QuizInput) {}

@ArgsType()
export class QuizzesArgs extends PageArgs {
  @Field(() => QuizStatus, { nullable: true }) @IsOptional() @IsEnum(QuizStatus) status?: QuizStatus | null;
  @Field(() => Boolean, { nullable: true }) @IsOptional() @IsBoolean() contest?: boolean | null;
}

@ArgsType()
export class AvailableQuizzesArgs extends PageArgs {
  @Field(() => Boolean, { nullable: true }) @IsOptional() @IsBoolean() contest?: boolean | null;
  @Field(() => Boolean, { nullable: true }) @IsOptional() @IsBoolean() integrityExam?: boolean | null;
}

@InputType({ description: 'One answer: choices by the labels shown (A, B...), truth for true/false, text for fill-in and short answers.' })
export class AnswerInput {
  @Field(() => [String], { nullable: true }) @IsOptional() @IsArray() @ArrayMaxSize(8) @IsString({ each: true }) choices?: string[] | null;
  @Field(() => Boolean, { nullable: true }) @IsOptional() @IsBoolean() truth?: boolean | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(5000) text?: string | null;
}

@InputType()
export class PositionedAnswerInput {
  @Field(() => Int) @IsInt() @Min(1) position: number;
  @Field(() => AnswerInput) @ValidateNested() @Type(() => AnswerInput) answer: AnswerInput;
}
