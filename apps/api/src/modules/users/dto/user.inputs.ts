import { ArgsType, Field, ID, InputType, PartialType } from '@nestjs/graphql';
import { ArrayMinSize, IsArray, IsBoolean, IsEnum, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { CadreRank, CadreTier, Role } from '@qinglian/identity';
import { PageArgs } from '../../../graphql/page.args';
import '../../../graphql/enums';

@InputType()
export class UserProfileInput {
  @Field()
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  name: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  phone?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(254)
  email?: string | null;

  @Field(() => ID)
  @IsUUID('all', { message: 'must be a unit id' })
  unitId: string;

  @Field(() => [Role], { defaultValue: [Role.CADRE] })
  @IsArray()
  @ArrayMinSize(1)
  @IsEnum(Role, { each: true })
  roles: Role[];

  @Field(() => CadreTier, { nullable: true })
  @IsOptional()
  @IsEnum(CadreTier)
  tier?: CadreTier | null;

  @Field({ nullable: true, defaultValue: false })
  @IsOptional()
  @IsBoolean()
  isLeading?: boolean;

  @Field(() => CadreRank, { nullable: true })
  @IsOptional()
  @IsEnum(CadreRank)
  rank?: CadreRank | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date as YYYY-MM-DD' })
  appointmentDate?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  spouseName?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  spousePhone?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(254)
  spouseEmail?: string | null;
}

@InputType()
export class CreateUserInput extends UserProfileInput {
  @Field(() => String, { nullable: true, description: 'The user must change it at first sign-in. Without it the user cannot sign in until a password is set.' })
  @IsOptional()
  @IsString()
  @MinLength(8)
  @MaxLength(128)
  initialPassword?: string | null;
}

@InputType()
export class UpdateUserInput extends PartialType(UserProfileInput) {}

@ArgsType()
export class UsersArgs extends PageArgs {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'must be a unit id' })
  unitId?: string | null;

  @Field({ nullable: true, defaultValue: true, description: 'With unitId: include users of its subunits.' })
  @IsOptional()
  @IsBoolean()
  includeSubunits?: boolean;

  @Field(() => CadreTier, { nullable: true })
  @IsOptional()
  @IsEnum(CadreTier)
  tier?: CadreTier | null;

  @Field(() => Role, { nullable: true })
  @IsOptional()
  @IsEnum(Role)
  role?: Role | null;

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  isLeading?: boolean;

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @Field(() => String, { nullable: true, description: 'Part of a name, phone number or e-mail address.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string | null;
}

@InputType()
export class ImportCadresInput {
  @Field({ description: 'CSV text, UTF-8, header first: 姓名,手机,邮箱,单位,层级,领导干部,职级,任职日期,配偶姓名,配偶手机,配偶邮箱' })
  @IsString()
  @IsNotEmpty()
  csv: string;

  @Field({ description: 'Password for newly created cadres; they must change it at first sign-in.' })
  @IsString()
  @MinLength(8)
  @MaxLength(128)
  initialPassword: string;
}

@InputType()
export class ChangePasswordInput {
  @Field()
  @IsString()
  @IsNotEmpty()
  currentPassword: string;

  @Field()
  @IsString()
  @MinLength(8)
  @MaxLength(128)
  newPassword: string;
}

@InputType()
export class ResetPasswordInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be a user id' })
  userId: string;

  @Field()
  @IsString()
  @MinLength(8)
  @MaxLength(128)
  newPassword: string;
}
