import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageArgs } from '../../../graphql/page.args';

@InputType()
export class CreateUnitInput {
  @Field()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  @Field(() => ID, { nullable: true, description: 'Omit to create a top-level unit (root administrators only).' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a unit id' })
  parentId?: string | null;
}

@InputType()
export class RenameUnitInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be a unit id' })
  id: string;

  @Field()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;
}

@InputType()
export class MoveUnitInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be a unit id' })
  id: string;

  @Field(() => ID)
  @IsUUID('all', { message: 'must be a unit id' })
  newParentId: string;
}

@ArgsType()
export class UnitsArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'List the children of this unit (or, with includeSubunits, its whole subtree).' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a unit id' })
  parentId?: string | null;

  @Field({ nullable: true, defaultValue: false })
  @IsOptional()
  @IsBoolean()
  includeSubunits?: boolean;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string | null;
}
