import { Field, ID, ObjectType } from '@nestjs/graphql';
import { AuditLogEntity } from '@qinglian/audit';
import { GraphQLJSONObject as GraphQLJSON } from 'graphql-scalars';
import { Connection } from '../../../graphql/connection.model';

@ObjectType('AuditLogEntry', { description: 'One administrative change: who, what, when, before and after.' })
export class AuditLogEntryModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID, { nullable: true })
  actorId: string | null;

  @Field(() => String, { nullable: true })
  actorName: string | null;

  @Field({ description: 'For example unit.move or user.update.' })
  action: string;

  @Field()
  entityType: string;

  @Field(() => String, { nullable: true })
  entityId: string | null;

  @Field(() => GraphQLJSON, { nullable: true })
  before: Record<string, unknown> | null;

  @Field(() => GraphQLJSON, { nullable: true })
  after: Record<string, unknown> | null;

  @Field(() => String, { nullable: true })
  requestId: string | null;

  @Field(() => Date)
  at: Date;

  static from(e: AuditLogEntity): AuditLogEntryModel {
    return Object.assign(new AuditLogEntryModel(), {
      id: String(e.id),
      actorId: e.actorId,
      actorName: e.actorName,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId,
      before: e.before,
      after: e.after,
      requestId: e.requestId,
      at: e.at,
    });
  }
}

export const AuditLogConnection = Connection(AuditLogEntryModel, 'AuditLogConnection');
