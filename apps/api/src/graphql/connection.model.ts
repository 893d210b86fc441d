import { Type } from '@nestjs/common';
import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType()
export class PageInfo {
  @Field(() => String, { nullable: true, description: 'Pass as `after` to get the next page.' })
  endCursor: string | null;

  @Field()
  hasNextPage: boolean;
}

export interface ConnectionShape<T> {
  nodes: T[];
  totalCount: number;
  pageInfo: PageInfo;
}

/** A page of a list with the total count of matching items (cursor pagination). */
export function Connection<T>(node: Type<T>, name: string): Type<ConnectionShape<T>> {
  @ObjectType(name, { isAbstract: false })
  class ConnectionType implements ConnectionShape<T> {
    @Field(() => [node])
    nodes: T[];

    @Field(() => Int, { description: 'How many items match, over all pages.' })
    totalCount: number;

    @Field(() => PageInfo)
    pageInfo: PageInfo;
  }
  return ConnectionType;
}

export function toConnection<E, M>(
  page: { nodes: E[]; totalCount: number; endCursor: string | null; hasNextPage: boolean },
  map: (entity: E) => M,
): ConnectionShape<M> {
  return {
    nodes: page.nodes.map(map),
    totalCount: page.totalCount,
    pageInfo: { endCursor: page.endCursor, hasNextPage: page.hasNextPage },
  };
}
