import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Actor, decodeCursor, isSystemActor, Page, PageRequest, pageSize, toPage } from '@qinglian/common';
import { EntityManager, QueryDeepPartialEntity, Repository } from 'typeorm';
import { AuditLogEntity } from './audit-log.entity';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string | null;
  /** Unit path the change belongs to, so admins of a subtree see their own history. */
  scopePath: string | null;
  before?: object | null;
  after?: object | null;
}

export interface AuditFilter {
  entityType?: string | null;
  entityId?: string | null;
  actorId?: string | null;
  action?: string | null;
}

@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditLogEntity) private readonly repository: Repository<AuditLogEntity>) {}

  /**
   * Writes audit rows in the caller's transaction, in one statement, so the
   * change and its record commit or roll back together.
   */
  async record(manager: EntityManager, actor: Actor, entries: AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const system = isSystemActor(actor);
    const rows = entries.map((e) => ({
      actorId: system ? null : actor.id,
      actorName: actor.name,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId,
      scopePath: e.scopePath,
      before: (e.before ?? null) as Record<string, unknown> | null,
      after: (e.after ?? null) as Record<string, unknown> | null,
      requestId: actor.requestId ?? null,
    }));
    for (let i = 0; i < rows.length; i += 1000) {
      await manager.createQueryBuilder().insert().into(AuditLogEntity).values(rows.slice(i, i + 1000) as QueryDeepPartialEntity<AuditLogEntity>[]).execute();
    }
  }

  /** Newest first; an admin sees entries of their unit subtree (root admins see all). */
  async list(actor: Actor, filter: AuditFilter, page: PageRequest): Promise<Page<AuditLogEntity>> {
    const size = pageSize(page);
    const qb = this.repository.createQueryBuilder('a').where('(a.scope_path LIKE :scope OR a.actor_id = :actorId)', {
      scope: `${actor.scopePath}%`,
      actorId: actor.id,
    });
    if (filter.entityType) qb.andWhere('a.entity_type = :entityType', { entityType: filter.entityType });
    if (filter.entityId) qb.andWhere('a.entity_id = :entityId', { entityId: filter.entityId });
    if (filter.actorId) qb.andWhere('a.actor_id = :filterActor', { filterActor: filter.actorId });
    if (filter.action) qb.andWhere('a.action = :action', { action: filter.action });
    const totalCount = await qb.clone().getCount();
    if (page.after) {
      const cursor = decodeCursor(page.after);
      qb.andWhere('a.id < :id::bigint', { id: cursor.id });
    }
    // ids grow with time, so id order is newest-first without millisecond ties
    const rows = await qb.orderBy('a.id', 'DESC').limit(size + 1).getMany();
    return toPage(rows, size, totalCount, (r) => ({ sort: '', id: String(r.id) }));
  }
}
