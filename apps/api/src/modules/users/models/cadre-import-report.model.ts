import { Field, Int, ObjectType } from '@nestjs/graphql';
import { ImportRowStatus } from '@qinglian/identity';
import '../../../graphql/enums';
import { localisedMessage } from '../../../graphql/localised.middleware';

@ObjectType('FieldError')
export class FieldErrorModel {
  @Field({ description: 'The column or field that is wrong.' })
  field: string;

  @Field({ description: "Why, in the language of the request's Accept-Language.", middleware: [localisedMessage] })
  message: string;
}

@ObjectType('CadreImportRow')
export class CadreImportRowModel {
  @Field(() => Int, { description: 'Line number in the file (the header is line 1).' })
  line: number;

  @Field(() => ImportRowStatus)
  status: ImportRowStatus;

  @Field(() => String, { nullable: true })
  name: string | null;

  @Field(() => String, { nullable: true })
  login: string | null;

  @Field(() => String, { nullable: true })
  userId: string | null;

  @Field(() => [FieldErrorModel])
  errors: FieldErrorModel[];
}

@ObjectType('CadreImportReport')
export class CadreImportReportModel {
  @Field(() => Int)
  totalRows: number;

  @Field(() => Int)
  created: number;

  @Field(() => Int)
  updated: number;

  @Field(() => Int)
  unchanged: number;

  @Field(() => Int)
  failed: number;

  @Field(() => [CadreImportRowModel], { description: 'One entry per data row, in file order.' })
  rows: CadreImportRowModel[];
}
