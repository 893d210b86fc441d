import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { AuditService } from '@qinglian/audit';
import {
  Actor,
  BadUserInputException,
  decodeCursor,
  escapeLike,
  ForbiddenException,
  inScope,
  isUniqueViolation,
  NotFoundException,
  Page,
  PageRequest,
  pageSize,
  toPage,
  hasRole,
} from '@qinglian/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, EntityTarget, FindOptionsWhere, In, ObjectLiteral, Repository } from 'typeorm';
import { UnitEntity } from '../entities/unit.entity';
import { DuplicateUnitNameException, UnitCycleException } from '../identity.exception';

export interface UnitListFilter {
  parentId?: string | null;
  /** With parentId: the whole subtree below it instead of direct children. */
  includeSubunits?: boolean | null;
  search?: string | null;
}

@Injectable()
export class UnitsService {
  constructor(
    @InjectRepository(UnitEntity) private readonly units: Repository<UnitEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor, input: { name: string; parentId?: string | null }): Promise<UnitEntity> {
    const name = cleanName(input.name);
    return this.dataSource.transaction(async (manager) => {
      let parent: UnitEntity | null = null;
      if (input.parentId) {
        parent = await this.requireInScope(actor, input.parentId, manager, 'parentId');
      } else if (actor.scopePath !== '/') {
        throw new ForbiddenException('Only administrators at the root unit may create another top-level unit');
      }
      const id = randomUUID();
      const unit = manager.create(UnitEntity, {
        id,
        name,
        parentId: parent?.id ?? null,
        path: `${parent?.path ?? '/'}${id}/`,
        depth: parent ? parent.depth + 1 : 0,
      });
      await this.saveUnique(manager, unit, name);
      await this.audit.record(manager, actor, [
        { action: 'unit.create', entityType: 'Unit', entityId: id, scopePath: unit.path, after: snapshot(unit) },
      ]);
      return unit;
    });
  }

  async rename(actor: Actor, id: string, newName: string): Promise<UnitEntity> {
    const name = cleanName(newName);
    return this.dataSource.transaction(async (manager) => {
      const unit = await this.requireInScope(actor, id, manager, 'id', true);
      const before = snapshot(unit);
      if (unit.name === name) return unit;
      unit.name = name;
      await this.saveUnique(manager, unit, name);
      await this.audit.record(manager, actor, [
        { action: 'unit.rename', entityType: 'Unit', entityId: id, scopePath: unit.path, before, after: snapshot(unit) },
      ]);
      return unit;
    });
  }

  /**
   * Moves a unit (and everything under it) below another unit. The subtree's
   * paths and depths change in one statement inside the transaction.
   */
  async move(actor: Actor, id: string, newParentId: string): Promise<UnitEntity> {
    return this.dataSource.transaction(async (manager) => {
      const unit = await this.requireInScope(actor, id, manager, 'id', true);
      if (unit.parentId === null) {
        throw BadUserInputException.field('id', 'is a top-level unit; top-level units cannot be moved');
      }
      if (unit.id === actor.unitId) {
        throw new ForbiddenException('You cannot move your own unit');
      }
      const parent = await this.requireInScope(actor, newParentId, manager, 'newParentId', true);
      if (parent.path.startsWith(unit.path)) throw new UnitCycleException();
      if (parent.id === unit.parentId) return unit;

      const before = snapshot(unit);
      const newPath = `${parent.path}${unit.id}/`;
      const depthDelta = parent.depth + 1 - unit.depth;
      await manager.query(
        `UPDATE units
            SET path = $1 || substr(path, length($2) + 1),
                depth = depth + $3,
                parent_id = CASE WHEN id = $4 THEN $5::uuid ELSE parent_id END,
                updated_at = CASE WHEN id = $4 THEN now() ELSE updated_at END
          WHERE path LIKE $2 || '%'`,
        [newPath, unit.path, depthDelta, unit.id, parent.id],
      ).catch((error: unknown) => {
        if (isUniqueViolation(error)) throw new DuplicateUnitNameException(unit.name);
        throw error;
      });
      const moved = await manager.findOneByOrFail(UnitEntity, { id });
      await this.audit.record(manager, actor, [
        { action: 'unit.move', entityType: 'Unit', entityId: id, scopePath: moved.path, before, after: snapshot(moved) },
      ]);
      return moved;
    });
  }

  async get(actor: Actor, id: string): Promise<UnitEntity> {
    return this.requireInScope(actor, id, this.dataSource.manager, 'id');
  }

  /** Units by id for batching; callers have already checked access to the parent objects. */
  async findByIds(ids: readonly string[]): Promise<UnitEntity[]> {
    if (ids.length === 0) return [];
    return this.units.findBy({ id: In([...ids]) });
  }

  async list(actor: Actor, filter: UnitListFilter, page: PageRequest): Promise<Page<UnitEntity>> {
    const size = pageSize(page);
    const qb = this.units.createQueryBuilder('u').where('u.path LIKE :scope', { scope: `${actor.scopePath}%` });
    if (filter.parentId) {
      const parent = await this.requireInScope(actor, filter.parentId, this.dataSource.manager, 'parentId');
      if (filter.includeSubunits) {
        qb.andWhere('u.path LIKE :sub AND u.id <> :parentId', { sub: `${parent.path}%`, parentId: parent.id });
      } else {
        qb.andWhere('u.parent_id = :parentId', { parentId: parent.id });
      }
    } else if (!filter.includeSubunits) {
      // the top of what the actor may see: the top-level units, or their own unit
      if (actor.scopePath === '/') qb.andWhere('u.depth = 0');
      else qb.andWhere('u.path = :top', { top: actor.scopePath });
    }
    if (filter.search?.trim()) qb.andWhere('u.name LIKE :search', { search: `%${escapeLike(filter.search.trim())}%` });
    const totalCount = await qb.clone().getCount();
    if (page.after) {
      const cursor = decodeCursor(page.after);
      qb.andWhere('(u.path, u.id) > (:cPath, :cId::uuid)', { cPath: cursor.sort, cId: cursor.id });
    }
    const rows = await qb.orderBy('u.path', 'ASC').addOrderBy('u.id', 'ASC').limit(size + 1).getMany();
    return toPage(rows, size, totalCount, (u) => ({ sort: u.path, id: u.id }));
  }

  /** All units in the actor's scope (a county has a few hundred), for name resolution in imports. */
  async allInScope(actor: Actor): Promise<UnitEntity[]> {
    return this.units.createQueryBuilder('u').where('u.path LIKE :scope', { scope: `${actor.scopePath}%` }).getMany();
  }

  async requireInScope(
    actor: Actor,
    id: string,
    manager: EntityManager,
    field: string,
    lock = false,
  ): Promise<UnitEntity> {
    const unit = await manager.findOne(UnitEntity, { where: { id }, lock: lock ? { mode: 'pessimistic_write' } : undefined });
    if (!unit) throw new NotFoundException('Unit', id);
    if (!inScope(actor, unit.path)) {
      throw new ForbiddenException(`${field}: unit ${id} is outside your part of the organisation`);
    }
    return unit;
  }

  /**
   * A record that trainers and administrators manage by its owning unit
   * (course, quiz, question...): found (locked when asked), and refused when
   * the caller is not staff or the unit lies outside the caller's subtree.
   */
  async requireManaged<T extends ObjectLiteral & { unitId: string }>(
    actor: Actor,
    manager: EntityManager,
    target: EntityTarget<T>,
    id: string,
    names: { one: string; many: string },
    lock = false,
  ): Promise<{ record: T; unit: UnitEntity }> {
    if (!hasRole(actor, 'ADMIN', 'TRAINER')) throw new ForbiddenException(`Only trainers and administrators manage ${names.many}`);
    const record = await manager.findOne(target, { where: { id } as unknown as FindOptionsWhere<T>, lock: lock ? { mode: 'pessimistic_write' } : undefined });
    if (!record) throw new NotFoundException(names.one, id);
    const unit = await manager.findOneByOrFail(UnitEntity, { id: record.unitId });
    if (!inScope(actor, unit.path)) throw new ForbiddenException(`${names.one} ${id} belongs to a unit outside your part of the organisation`);
    return { record, unit };
  }

  private async saveUnique(manager: EntityManager, unit: UnitEntity, name: string): Promise<void> {
    try {
      await manager.save(UnitEntity, unit);
    } catch (error) {
      if (isUniqueViolation(error)) throw new DuplicateUnitNameException(name);
      throw error;
    }
  }
}

function cleanName(raw: string): string {
  const name = raw.trim().replace(/\s+/g, ' ');
  if (!name) throw BadUserInputException.field('name', 'must not be empty');
  if (name.length > 100) throw BadUserInputException.field('name', 'must be at most 100 characters');
  if (name.includes('/')) throw BadUserInputException.field('name', 'must not contain "/" (it separates units in import files)');
  return name;
}

function snapshot(unit: UnitEntity) {
  return { name: unit.name, parentId: unit.parentId, path: unit.path, depth: unit.depth };
}
