import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { UnitEntity } from '@qinglian/identity';
import { Connection } from '../../../graphql/connection.model';

@ObjectType('Unit', { description: 'An organisation unit (city, bureau, township, department, party branch).' })
export class UnitModel {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => ID, { nullable: true })
  parentId: string | null;

  @Field(() => Int, { description: '0 for a top-level unit.' })
  depth: number;

  @Field(() => Date)
  createdAt: Date;

  @Field(() => Date)
  updatedAt: Date;

  static from(entity: UnitEntity): UnitModel {
    return Object.assign(new UnitModel(), {
      id: entity.id,
      name: entity.name,
      parentId: entity.parentId,
      depth: entity.depth,
      createdAt: entity.createdAt,
      updatedAt: entity.updatedAt,
    });
  }
}

export const UnitConnection = Connection(UnitModel, 'UnitConnection');
