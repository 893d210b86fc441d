import { ArgsType, Field, Float, ID, InputType, Int, PartialType } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsBoolean, IsDate, IsEnum, IsInt, IsNotEmpty, IsNumber, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { Type } from 'class-transformer';
import { CadreTier } from '@qinglian/identity';
import { SignUpStatus, TourKind, TourStatus } from '@qinglian/tours';
import { PageArgs } from '../../../graphql/page.args';
import '../models/study-tour.model';

@InputType()
export class CreateTourInput {
  @Field() @IsString() @IsNotEmpty() @MaxLength(200) title: string;
  @Field(() => TourKind) @IsEnum(TourKind) kind: TourKind;
  @Field() @IsString() @IsNotEmpty() @MaxLength(200) destination: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(200) meetingPoint?: string | null;
  @Field(() => Date) @Type(() => Date) @IsDate() startsAt: Date;
  @Field(() => Date) @Type(() => Date) @IsDate() endsAt: Date;
  @Field(() => Int) @IsInt() @Min(1) @Max(100000) capacity: number;
  @Field(() => Date) @Type(() => Date) @IsDate() signUpOpensAt: Date;
  @Field(() => Date) @Type(() => Date) @IsDate() signUpClosesAt: Date;
  @Field(() => Date) @Type(() => Date) @IsDate() cancelCutoffAt: Date;
  @Field(() => [CadreTier], { nullable: true }) @IsOptional() @IsArray() @IsEnum(CadreTier, { each: true }) eligibleTiers?: CadreTier[];
  @Field(() => [ID], { nullable: true }) @IsOptional() @IsArray() @ArrayMaxSize(200) @IsUUID('all', { each: true, message: 'must be unit ids' }) eligibleUnitIds?: string[];
  @Field({ nullable: true }) @IsOptional() @IsBoolean() leadingOnly?: boolean;
  @Field(() => Float, { nullable: true }) @IsOptional() @IsNumber({ maxDecimalPlaces: 2 }) @Min(0) @Max(999) classHours?: number;
  @Field({ nullable: true }) @IsOptional() @IsBoolean() approvalRequired?: boolean;
  @Field(() => ID, { nullable: true, description: 'Organising unit; defaults to yours.' }) @IsOptional() @IsUUID('all', { message: 'must be a unit id' }) unitId?: string | null;
}

/** Changes to a draft tour: only the fields given. */
@InputType()
export class UpdateTourInput extends PartialType(CreateTourInput) {}

@ArgsType()
export class ToursArgs extends PageArgs {
  @Field(() => TourStatus, { nullable: true }) @IsOptional() @IsEnum(TourStatus) status?: TourStatus | null;
}

@ArgsType()
export class TourSignUpsArgs extends PageArgs {
  @Field(() => ID) @IsUUID('all', { message: 'must be a tour id' }) tourId: string;
  @Field(() => SignUpStatus, { nullable: true }) @IsOptional() @IsEnum(SignUpStatus) status?: SignUpStatus | null;
}

@ArgsType()
export class CheckInArgs {
  @Field(() => ID) @IsUUID('all', { message: 'must be a tour id' }) tourId: string;
  @Field(() => ID, { nullable: true, description: 'Check in from the list.' }) @IsOptional() @IsUUID('all', { message: 'must be a sign-up id' }) signUpId?: string | null;
  @Field(() => String, { nullable: true, description: "The six digits on the cadre's phone." }) @IsOptional() @IsString() @MaxLength(10) code?: string | null;
}
