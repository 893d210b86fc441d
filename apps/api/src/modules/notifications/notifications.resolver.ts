import { ParseUUIDPipe } from '@nestjs/common';
import { Args, Field, ID, Int, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import type { Actor } from '@qinglian/common';
import { NotificationEntity, NotificationsService } from '@qinglian/notifications';
import { IsBoolean, IsOptional } from 'class-validator';
import { ArgsType } from '@nestjs/graphql';
import { CurrentActor, SignedIn } from '../../auth/access.decorators';
import { Connection, toConnection } from '../../graphql/connection.model';
import { PageArgs } from '../../graphql/page.args';

@ObjectType('Notification', { description: 'An in-app message in the inbox.' })
export class NotificationModel {
  @Field(() => ID) id: string;
  @Field() kind: string;
  @Field() title: string;
  @Field() body: string;
  @Field(() => GraphQLJSONObject) data: Record<string, unknown>;
  @Field(() => Date, { nullable: true }) readAt: Date | null;
  @Field(() => Date, { nullable: true, description: 'When the cadre answered "read and will comply" (reminders).' }) acknowledgedAt: Date | null;
  @Field(() => Date) createdAt: Date;

  static from(n: NotificationEntity): NotificationModel {
    return Object.assign(new NotificationModel(), { id: n.id, kind: n.kind, title: n.title, body: n.body, data: n.data, readAt: n.readAt, acknowledgedAt: n.acknowledgedAt, createdAt: n.createdAt });
  }
}

@ObjectType('NotificationConnection')
export class NotificationConnection extends Connection(NotificationModel, 'NotificationPage') {
  @Field(() => Int) unreadCount: number;
}

@ArgsType()
class NotificationsArgs extends PageArgs {
  @Field({ nullable: true, defaultValue: false }) @IsOptional() @IsBoolean() unreadOnly?: boolean;
}

@Resolver(() => NotificationModel)
export class NotificationsResolver {
  constructor(private readonly notifications: NotificationsService) {}

  @Query(() => NotificationConnection, { description: 'Your inbox, newest first.' })
  @SignedIn()
  async myNotifications(@CurrentActor() actor: Actor, @Args() args: NotificationsArgs) {
    const page = await this.notifications.listMine(actor, args.unreadOnly ?? false, args);
    return { ...toConnection(page, NotificationModel.from), unreadCount: page.unreadCount };
  }

  @Mutation(() => NotificationModel)
  @SignedIn()
  async markNotificationRead(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }, ParseUUIDPipe) id: string) {
    return NotificationModel.from(await this.notifications.markRead(actor, id));
  }

  @Mutation(() => NotificationModel, { description: 'Answers a reminder with "read and will comply" (已阅并遵守); also marks it read.' })
  @SignedIn()
  async acknowledgeNotification(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }, ParseUUIDPipe) id: string) {
    return NotificationModel.from(await this.notifications.acknowledge(actor, id));
  }
}
