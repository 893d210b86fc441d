import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { AuditService } from '@qinglian/audit';
import {
  Actor,
  BadUserInputException,
  decodeCursor,
  escapeLike,
  FieldProblem,
  ForbiddenException,
  hasRole,
  inScope,
  isUniqueViolation,
  NotFoundException,
  Page,
  PageRequest,
  pageSize,
  toPage,
  UnauthenticatedException,
  shanghaiYear,
} from '@qinglian/common';
import { enqueueCompletionRecompute, JobQueue } from '@qinglian/queue';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import { normaliseEmail, normalisePhone } from '../contact';
import { UnitEntity } from '../entities/unit.entity';
import { UserEntity } from '../entities/user.entity';
import { CadreRank, CadreTier, Role } from '../identity.enums';
import { DuplicateLoginException } from '../identity.exception';
import { PasswordService } from './password.service';
import { UnitsService } from './units.service';

export interface UserProfileData {
  name: string;
  phone?: string | null;
  email?: string | null;
  unitId: string;
  roles: Role[];
  tier?: CadreTier | null;
  isLeading?: boolean;
  rank?: CadreRank | null;
  appointmentDate?: string | null;
  spouseName?: string | null;
  spousePhone?: string | null;
  spouseEmail?: string | null;
}

export interface CreateUserData extends UserProfileData {
  /** Set by the administrator; the user must change it at first sign-in. */
  initialPassword?: string | null;
}

export type UpdateUserData = Partial<UserProfileData>;

export interface UserListFilter {
  unitId?: string | null;
  includeSubunits?: boolean | null;
  tier?: CadreTier | null;
  role?: Role | null;
  isLeading?: boolean | null;
  active?: boolean | null;
  search?: string | null;
}

/** Fields compared and recorded in the audit log (never the password hash). */
export const AUDITED_USER_FIELDS = [
  'name',
  'phone',
  'email',
  'unitId',
  'roles',
  'tier',
  'isLeading',
  'rank',
  'appointmentDate',
  'spouseName',
  'spousePhone',
  'spouseEmail',
  'active',
] as const;

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly unitsService: UnitsService,
    private readonly passwords: PasswordService,
    private readonly audit: AuditService,
    private readonly jobs: JobQueue,
  ) {}

  async create(actor: Actor, data: CreateUserData): Promise<UserEntity> {
    const profile = normaliseProfile(data);
    if (data.initialPassword) this.passwords.assertAcceptable(data.initialPassword, 'initialPassword');
    const passwordHash = data.initialPassword ? await this.passwords.hash(data.initialPassword) : null;
    return this.dataSource.transaction(async (manager) => {
      const unit = await this.unitsService.requireInScope(actor, profile.unitId, manager, 'unitId');
      const user = manager.create(UserEntity, {
        ...profile,
        passwordHash,
        mustChangePassword: passwordHash !== null,
        active: true,
      });
      await this.saveUnique(manager, user);
      await this.audit.record(manager, actor, [
        { action: 'user.create', entityType: 'User', entityId: user.id, scopePath: unit.path, after: userSnapshot(user) },
      ]);
      return user;
    });
  }

  async update(actor: Actor, id: string, data: UpdateUserData): Promise<UserEntity> {
    const updated = await this.dataSource.transaction(async (manager) => {
      const { user, unit } = await this.requireManaged(actor, id, manager);
      const before = userSnapshot(user);
      const merged = normaliseProfile({ ...pickProfile(user), ...stripUndefined(data) } as UserProfileData);
      let scopePath = unit.path;
      if (merged.unitId !== user.unitId) {
        scopePath = (await this.unitsService.requireInScope(actor, merged.unitId, manager, 'unitId')).path;
      }
      if (user.id === actor.id && merged.roles.join() !== user.roles.join()) {
        throw new ForbiddenException('You cannot change your own roles');
      }
      Object.assign(user, merged);
      await this.saveUnique(manager, user);
      const after = userSnapshot(user);
      if (JSON.stringify(before) !== JSON.stringify(after)) {
        await this.audit.record(manager, actor, [
          { action: 'user.update', entityType: 'User', entityId: id, scopePath, before, after },
        ]);
      }
      return { user, changed: before.tier !== after.tier || before.unitId !== after.unitId || JSON.stringify(before.roles) !== JSON.stringify(after.roles) };
    });
    // a new tier (or unit) changes what the cadre's completion record requires
    if (updated.changed) {
      await enqueueCompletionRecompute(this.jobs, id, shanghaiYear(new Date())).catch(() => undefined);
    }
    return updated.user;
  }

  async setActive(actor: Actor, id: string, active: boolean): Promise<UserEntity> {
    if (id === actor.id && !active) throw new ForbiddenException('You cannot deactivate your own account');
    return this.dataSource.transaction(async (manager) => {
      const { user, unit } = await this.requireManaged(actor, id, manager);
      if (user.active === active) return user;
      const before = userSnapshot(user);
      user.active = active;
      await manager.save(UserEntity, user);
      if (!active) await manager.query('UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL', [id]);
      await this.audit.record(manager, actor, [
        { action: active ? 'user.activate' : 'user.deactivate', entityType: 'User', entityId: id, scopePath: unit.path, before, after: userSnapshot(user) },
      ]);
      return user;
    });
  }

  /** An administrator sets a new password; the user must change it at next sign-in and other sessions end. */
  async resetPassword(actor: Actor, id: string, newPassword: string): Promise<UserEntity> {
    this.passwords.assertAcceptable(newPassword, 'newPassword');
    const hash = await this.passwords.hash(newPassword);
    return this.dataSource.transaction(async (manager) => {
      const { user, unit } = await this.requireManaged(actor, id, manager);
      await manager.update(UserEntity, { id }, { passwordHash: hash, mustChangePassword: true });
      await manager.query('UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL', [id]);
      await this.audit.record(manager, actor, [
        { action: 'user.reset-password', entityType: 'User', entityId: id, scopePath: unit.path },
      ]);
      user.mustChangePassword = true;
      return user;
    });
  }

  async changeOwnPassword(actor: Actor, currentPassword: string, newPassword: string): Promise<void> {
    const user = await this.users.findOne({ where: { id: actor.id }, select: { id: true, passwordHash: true } });
    if (!user) throw new UnauthenticatedException();
    if (!(await this.passwords.verify(user.passwordHash, currentPassword))) {
      throw BadUserInputException.field('currentPassword', 'is not your current password');
    }
    this.passwords.assertAcceptable(newPassword, 'newPassword');
    if (currentPassword === newPassword) throw BadUserInputException.field('newPassword', 'must differ from the current password');
    await this.users.update({ id: actor.id }, { passwordHash: await this.passwords.hash(newPassword), mustChangePassword: false });
  }

  /** A cadre reads only themselves; trainers and administrators read users of their subtree. */
  async get(actor: Actor, id: string): Promise<UserEntity> {
    if (id === actor.id) return this.users.findOneByOrFail({ id });
    if (!hasRole(actor, Role.ADMIN, Role.TRAINER)) throw new ForbiddenException('Cadres can only see their own profile');
    const user = await this.users.findOneBy({ id });
    if (!user) throw new NotFoundException('User', id);
    const unit = await this.unitsService.findByIds([user.unitId]);
    if (!unit[0] || !inScope(actor, unit[0].path)) throw new ForbiddenException('This user belongs to a unit outside your part of the organisation');
    return user;
  }

  async findByIds(ids: readonly string[]): Promise<UserEntity[]> {
    if (ids.length === 0) return [];
    return this.users.findBy({ id: In([...ids]) });
  }

  async list(actor: Actor, filter: UserListFilter, page: PageRequest): Promise<Page<UserEntity>> {
    const size = pageSize(page);
    const qb = this.users
      .createQueryBuilder('u')
      .innerJoin(UnitEntity, 'unit', 'unit.id = u.unit_id')
      .where('unit.path LIKE :scope', { scope: `${actor.scopePath}%` });
    if (filter.unitId) {
      const unit = await this.unitsService.requireInScope(actor, filter.unitId, this.dataSource.manager, 'unitId');
      if (filter.includeSubunits === false) qb.andWhere('u.unit_id = :unitId', { unitId: unit.id });
      else qb.andWhere('unit.path LIKE :sub', { sub: `${unit.path}%` });
    }
    if (filter.tier) qb.andWhere('u.tier = :tier', { tier: filter.tier });
    if (filter.role) qb.andWhere(':role = ANY(u.roles)', { role: filter.role });
    if (filter.isLeading !== undefined && filter.isLeading !== null) qb.andWhere('u.is_leading = :leading', { leading: filter.isLeading });
    if (filter.active !== undefined && filter.active !== null) qb.andWhere('u.active = :active', { active: filter.active });
    const search = filter.search?.trim();
    if (search) {
      qb.andWhere('(u.name ILIKE :search OR u.phone LIKE :search OR u.email LIKE :search)', {
        search: `%${escapeLike(search.toLowerCase())}%`,
      });
    }
    const totalCount = await qb.clone().getCount();
    if (page.after) {
      const cursor = decodeCursor(page.after);
      qb.andWhere('(u.name, u.id) > (:cName, :cId::uuid)', { cName: cursor.sort, cId: cursor.id });
    }
    const rows = await qb.orderBy('u.name', 'ASC').addOrderBy('u.id', 'ASC').limit(size + 1).getMany();
    return toPage(rows, size, totalCount, (u) => ({ sort: u.name, id: u.id }));
  }

  /** Loads a user an administrator may change (inside the actor's subtree), locked for the transaction. */
  private async requireManaged(actor: Actor, id: string, manager: EntityManager): Promise<{ user: UserEntity; unit: UnitEntity }> {
    const user = await manager.findOne(UserEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!user) throw new NotFoundException('User', id);
    const unit = await manager.findOneByOrFail(UnitEntity, { id: user.unitId });
    if (!inScope(actor, unit.path)) throw new ForbiddenException('This user belongs to a unit outside your part of the organisation');
    return { user, unit };
  }

  private async saveUnique(manager: EntityManager, user: UserEntity): Promise<void> {
    try {
      await manager.save(UserEntity, user);
    } catch (error) {
      if (isUniqueViolation(error)) {
        if (error.constraint?.includes('email')) throw new DuplicateLoginException('email', user.email ?? '');
        throw new DuplicateLoginException('phone', user.phone ?? '');
      }
      throw error;
    }
  }
}

/**
 * Validates and normalises a profile: trims names, normalises phone and e-mail,
 * requires one way to sign in. Collects every problem before throwing.
 */
export function normaliseProfile(data: UserProfileData): UserProfileData & { phone: string | null; email: string | null } {
  const problems: FieldProblem[] = [];
  const name = (data.name ?? '').trim().replace(/\s+/g, ' ');
  if (!name) problems.push({ field: 'name', message: 'must not be empty' });
  else if (name.length > 50) problems.push({ field: 'name', message: 'must be at most 50 characters' });

  const phone = optionalContact(data.phone, normalisePhone, 'phone', 'must be a mainland mobile number such as 13800138000', problems);
  const email = optionalContact(data.email, normaliseEmail, 'email', 'must be an e-mail address such as name@example.gov.cn', problems);
  if (!phone && !email && !problems.some((p) => p.field === 'phone' || p.field === 'email')) {
    problems.push({ field: 'phone', message: 'a phone number or an e-mail address is required to sign in' });
  }
  const spousePhone = optionalContact(data.spousePhone, normalisePhone, 'spousePhone', 'must be a mainland mobile number', problems);
  const spouseEmail = optionalContact(data.spouseEmail, normaliseEmail, 'spouseEmail', 'must be an e-mail address', problems);
  const spouseName = data.spouseName?.trim() || null;
  if (spouseName && spouseName.length > 50) problems.push({ field: 'spouseName', message: 'must be at most 50 characters' });

  const roles = [...new Set(data.roles ?? [])].sort() as Role[];
  if (roles.length === 0) problems.push({ field: 'roles', message: 'must contain at least one role' });
  if (roles.some((r) => !Object.values(Role).includes(r))) problems.push({ field: 'roles', message: `must be among ${Object.values(Role).join(', ')}` });
  if (data.tier && !Object.values(CadreTier).includes(data.tier)) problems.push({ field: 'tier', message: `must be one of ${Object.values(CadreTier).join(', ')}` });
  if (data.rank && !Object.values(CadreRank).includes(data.rank)) problems.push({ field: 'rank', message: `must be one of ${Object.values(CadreRank).join(', ')}` });
  if (data.appointmentDate && !isIsoDate(data.appointmentDate)) problems.push({ field: 'appointmentDate', message: 'must be a date as YYYY-MM-DD' });

  if (problems.length) {
    throw new BadUserInputException(problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);
  }
  return {
    name,
    phone,
    email,
    unitId: data.unitId,
    roles,
    tier: data.tier ?? null,
    isLeading: data.isLeading ?? false,
    rank: data.rank ?? null,
    appointmentDate: data.appointmentDate ?? null,
    spouseName,
    spousePhone,
    spouseEmail,
  };
}

function optionalContact(
  raw: string | null | undefined,
  normalise: (v: string) => string | null,
  field: string,
  message: string,
  problems: FieldProblem[],
): string | null {
  if (raw === null || raw === undefined || raw.trim() === '') return null;
  const value = normalise(raw);
  if (!value) problems.push({ field, message });
  return value;
}

export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

export function userSnapshot(user: Partial<UserEntity>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of AUDITED_USER_FIELDS) out[field] = user[field] ?? null;
  return out;
}

function pickProfile(user: UserEntity): UserProfileData {
  return {
    name: user.name,
    phone: user.phone,
    email: user.email,
    unitId: user.unitId,
    roles: user.roles,
    tier: user.tier,
    isLeading: user.isLeading,
    rank: user.rank,
    appointmentDate: user.appointmentDate,
    spouseName: user.spouseName,
    spousePhone: user.spousePhone,
    spouseEmail: user.spouseEmail,
  };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
