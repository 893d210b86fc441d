import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Actor, decodeCursor, NotFoundException, Page, PageRequest, pageSize, toPage } from '@qinglian/common';
import { EntityManager, IsNull, QueryDeepPartialEntity, Repository } from 'typeorm';
import { NotificationEntity } from './notification.entity';

export interface NewNotification {
  userId: string;
  kind: string;
  title: string;
  body: string;
  data?: Record<string, unknown>;
}

/** The in-app inbox: messages are written in the caller's transaction, so they exist exactly when the change does. */
@Injectable()
export class NotificationsService {
  constructor(@InjectRepository(NotificationEntity) private readonly repository: Repository<NotificationEntity>) {}

  async send(manager: EntityManager, messages: NewNotification[]): Promise<void> {
    for (let i = 0; i < messages.length; i += 1000) {
      const chunk = messages.slice(i, i + 1000).map((m) => ({ ...m, data: m.data ?? {} }));
      await manager.createQueryBuilder().insert().into(NotificationEntity).values(chunk as QueryDeepPartialEntity<NotificationEntity>[]).execute();
    }
  }

  async listMine(actor: Actor, unreadOnly: boolean, page: PageRequest): Promise<Page<NotificationEntity> & { unreadCount: number }> {
    const size = pageSize(page);
    const qb = this.repository.createQueryBuilder('n').where('n.user_id = :me', { me: actor.id });
    if (unreadOnly) qb.andWhere('n.read_at IS NULL');
    const [totalCount, unreadCount] = await Promise.all([
      qb.clone().getCount(),
      this.repository.countBy({ userId: actor.id, readAt: IsNull() }),
    ]);
    if (page.after) {
      const cursor = decodeCursor(page.after);
      qb.andWhere('(n.created_at, n.id) < (:at::timestamptz, :id::uuid)', { at: cursor.sort, id: cursor.id });
    }
    const rows = await qb.orderBy('n.created_at', 'DESC').addOrderBy('n.id', 'DESC').limit(size + 1).getMany();
    return { ...toPage(rows, size, totalCount, (n) => ({ sort: n.createdAt.toISOString(), id: n.id })), unreadCount };
  }

  async markRead(actor: Actor, id: string): Promise<NotificationEntity> {
    const notification = await this.repository.findOneBy({ id, userId: actor.id });
    if (!notification) throw new NotFoundException('Notification', id);
    if (!notification.readAt) {
      notification.readAt = new Date();
      await this.repository.update({ id }, { readAt: notification.readAt });
    }
    return notification;
  }

  /** "Read and will comply": marks the message read and acknowledged; repeating it changes nothing. */
  async acknowledge(actor: Actor, id: string): Promise<NotificationEntity> {
    const [row] = (await this.repository.query(
      `UPDATE notifications SET acknowledged_at = COALESCE(acknowledged_at, now()), read_at = COALESCE(read_at, now())
        WHERE id = $1 AND user_id = $2 RETURNING id`,
      [id, actor.id],
    )) as [{ id: string }[], number];
    if (!row?.length) throw new NotFoundException('Notification', id);
    return this.repository.findOneByOrFail({ id });
  }
}
