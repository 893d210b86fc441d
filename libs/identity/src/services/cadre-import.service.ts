import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditEntry, AuditService } from '@qinglian/audit';
import { Actor, BadUserInputException, DomainException, FieldProblem, isUniqueViolation, shanghaiYear } from '@qinglian/common';
import { enqueueCompletionRecompute, JobQueue } from '@qinglian/queue';
import { DataSource, In } from 'typeorm';
import { CadreCsvRow, EXTRA_CELLS, parseCadreCsv, parseDate, parseRank, parseTier, parseYesNo } from '../csv/cadre-csv';
import { UnitEntity } from '../entities/unit.entity';
import { UserEntity } from '../entities/user.entity';
import { Role } from '../identity.enums';
import { PasswordService } from './password.service';
import { UnitsService } from './units.service';
import { normaliseProfile, UserProfileData, userSnapshot } from './users.service';

export enum ImportRowStatus {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  UNCHANGED = 'UNCHANGED',
  FAILED = 'FAILED',
}

export interface ImportRowResult {
  line: number;
  status: ImportRowStatus;
  name: string | null;
  login: string | null;
  userId: string | null;
  errors: FieldProblem[];
}

export interface CadreImportReport {
  totalRows: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  rows: ImportRowResult[];
}

type Planned = { row: ImportRowResult; profile: UserProfileData & { phone: string | null; email: string | null }; scopePath: string };

/**
 * Bulk import of cadres from CSV. Every row is checked on its own; good rows
 * are written in one transaction with set-based statements, bad rows are
 * reported with their line number and reason. Existing cadres (same phone or
 * e-mail) are updated in place, so importing the same file twice creates no
 * duplicates.
 */
@Injectable()
export class CadreImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly unitsService: UnitsService,
    private readonly passwords: PasswordService,
    private readonly audit: AuditService,
    private readonly jobs: JobQueue,
  ) {}

  async importCsv(actor: Actor, content: string, initialPassword: string): Promise<CadreImportReport> {
    this.passwords.assertAcceptable(initialPassword, 'initialPassword');
    const rows = parseCadreCsv(content);
    const units = new UnitResolver(await this.unitsService.allInScope(actor));

    // 1. check each row on its own
    const planned: Planned[] = [];
    const results: ImportRowResult[] = [];
    const seen = new Map<string, number>();
    for (const csvRow of rows) {
      const result: ImportRowResult = { line: csvRow.line, status: ImportRowStatus.FAILED, name: csvRow.values.name ?? null, login: null, userId: null, errors: [] };
      results.push(result);
      const built = buildProfile(csvRow, units, result.errors);
      if (!built) continue;
      result.login = built.profile.phone ?? built.profile.email;
      const duplicateOf = [built.profile.phone, built.profile.email].filter(Boolean).map((k) => seen.get(k!)).find((l) => l !== undefined);
      if (duplicateOf !== undefined) {
        result.errors.push({ field: built.profile.phone ? 'phone' : 'email', message: `repeats the cadre on line ${duplicateOf}` });
        continue;
      }
      for (const key of [built.profile.phone, built.profile.email]) if (key) seen.set(key, csvRow.line);
      planned.push({ row: result, profile: built.profile, scopePath: built.unitPath });
    }

    // 2. write the good rows
    /** Cadres whose tier or unit the file changed: their completion records require something else now. */
    const moved: string[] = [];
    if (planned.length) {
      const passwordHash = await this.passwords.hash(initialPassword);
      await this.dataSource.transaction(async (manager) => {
        const phones = planned.map((p) => p.profile.phone).filter((v): v is string => !!v);
        const emails = planned.map((p) => p.profile.email).filter((v): v is string => !!v);
        const existing = await manager.find(UserEntity, {
          where: [...(phones.length ? [{ phone: In(phones) }] : []), ...(emails.length ? [{ email: In(emails) }] : [])],
        });
        const existingUnits = await manager.findBy(UnitEntity, { id: In([...new Set(existing.map((u) => u.unitId))]) });
        const unitPathById = new Map(existingUnits.map((u) => [u.id, u.path]));
        const byPhone = new Map(existing.filter((u) => u.phone).map((u) => [u.phone!, u]));
        const byEmail = new Map(existing.filter((u) => u.email).map((u) => [u.email!, u]));

        const inserts: { values: Partial<UserEntity>; planned: Planned }[] = [];
        const updates: { user: UserEntity; next: UserProfileData; planned: Planned }[] = [];
        const audits: AuditEntry[] = [];
        for (const p of planned) {
          const matchPhone = p.profile.phone ? byPhone.get(p.profile.phone) : undefined;
          const matchEmail = p.profile.email ? byEmail.get(p.profile.email) : undefined;
          if (matchPhone && matchEmail && matchPhone.id !== matchEmail.id) {
            fail(p.row, 'email', `belongs to another user (${matchEmail.name}) than the phone number (${matchPhone.name})`);
            continue;
          }
          const match = matchPhone ?? matchEmail;
          if (!match) {
            inserts.push({ values: { ...p.profile, passwordHash, mustChangePassword: true, active: true }, planned: p });
            continue;
          }
          if (!(unitPathById.get(match.unitId) ?? '').startsWith(actor.scopePath)) {
            fail(p.row, p.profile.phone ? 'phone' : 'email', 'belongs to a user in a unit outside your part of the organisation');
            continue;
          }
          if (p.profile.phone && !matchPhone && match.phone) {
            fail(p.row, 'phone', `differs from the phone number ${match.phone} of the user with this e-mail; change it in the user's profile`);
            continue;
          }
          // keep what the file does not mention; roles stay as they are (the file has no role column)
          const next: UserProfileData = { ...p.profile, roles: match.roles, email: p.profile.email ?? match.email, phone: p.profile.phone ?? match.phone };
          p.row.userId = match.id;
          const before = userSnapshot(match);
          const after = userSnapshot({ ...match, ...next });
          if (JSON.stringify(before) === JSON.stringify(after)) {
            p.row.status = ImportRowStatus.UNCHANGED;
            continue;
          }
          updates.push({ user: match, next, planned: p });
          audits.push({ action: 'user.import-update', entityType: 'User', entityId: match.id, scopePath: p.scopePath, before, after });
        }

        for (let i = 0; i < inserts.length; i += 500) {
          const chunk = inserts.slice(i, i + 500);
          const result = await manager.createQueryBuilder().insert().into(UserEntity).values(chunk.map((c) => c.values)).returning(['id']).execute();
          result.identifiers.forEach((identifier, j) => {
            const { planned: p, values } = chunk[j];
            p.row.userId = identifier.id as string;
            p.row.status = ImportRowStatus.CREATED;
            audits.push({ action: 'user.import-create', entityType: 'User', entityId: p.row.userId, scopePath: p.scopePath, after: userSnapshot(values) });
          });
        }
        if (updates.length) {
          await manager.query(
            `UPDATE users u SET
                name = v.name, phone = v.phone, email = v.email, unit_id = v.unit_id, tier = v.tier,
                is_leading = v.is_leading, rank = v.rank, appointment_date = v.appointment_date,
                spouse_name = v.spouse_name, spouse_phone = v.spouse_phone, spouse_email = v.spouse_email,
                updated_at = now()
               FROM jsonb_to_recordset($1::jsonb) AS v(
                 id uuid, name text, phone text, email text, unit_id uuid, tier text, is_leading boolean,
                 rank text, appointment_date date, spouse_name text, spouse_phone text, spouse_email text)
              WHERE u.id = v.id`,
            [
              JSON.stringify(
                updates.map(({ user, next }) => ({
                  id: user.id,
                  name: next.name,
                  phone: next.phone,
                  email: next.email,
                  unit_id: next.unitId,
                  tier: next.tier,
                  is_leading: next.isLeading,
                  rank: next.rank,
                  appointment_date: next.appointmentDate,
                  spouse_name: next.spouseName,
                  spouse_phone: next.spousePhone,
                  spouse_email: next.spouseEmail,
                })),
              ),
            ],
          );
          for (const u of updates) {
            u.planned.row.status = ImportRowStatus.UPDATED;
            if (u.user.tier !== u.next.tier || u.user.unitId !== u.next.unitId) moved.push(u.user.id);
          }
        }
        audits.push({
          action: 'user.import',
          entityType: 'CadreImport',
          entityId: null,
          scopePath: actor.scopePath,
          after: summarise(results),
        });
        await this.audit.record(manager, actor, audits);
      }).catch((error: unknown) => {
        if (error instanceof DomainException) throw error;
        if (isUniqueViolation(error)) {
          throw new BadUserInputException('Another change to the same cadres happened during the import; nothing was written, run the import again');
        }
        throw error;
      });
    }
    // after the commit, as updateUser does; a lost job is caught up by the nightly recompute
    const year = shanghaiYear(new Date());
    for (let i = 0; i < moved.length; i += 100) {
      await Promise.all(moved.slice(i, i + 100).map((id) => enqueueCompletionRecompute(this.jobs, id, year).catch(() => undefined)));
    }
    return { totalRows: results.length, ...summarise(results), rows: results };
  }
}

function fail(row: ImportRowResult, field: string, message: string): void {
  row.errors.push({ field, message });
  row.status = ImportRowStatus.FAILED;
}

function summarise(rows: ImportRowResult[]) {
  const count = (s: ImportRowStatus) => rows.filter((r) => r.status === s).length;
  return {
    created: count(ImportRowStatus.CREATED),
    updated: count(ImportRowStatus.UPDATED),
    unchanged: count(ImportRowStatus.UNCHANGED),
    failed: count(ImportRowStatus.FAILED),
  };
}

function buildProfile(csvRow: CadreCsvRow, units: UnitResolver, errors: FieldProblem[]) {
  const v = csvRow.values;
  if (v[EXTRA_CELLS]) errors.push({ field: 'csv', message: `has more cells than the header has columns` });
  const unit = v.unit ? units.resolve(v.unit, errors) : (errors.push({ field: 'unit', message: 'is empty' }), null);
  const tier = v.tier ? parseTier(v.tier) : null;
  if (v.tier && !tier) errors.push({ field: 'tier', message: `"${v.tier}" is not a tier; use 新任职, 后备, 在职 or 退休` });
  const rank = v.rank ? parseRank(v.rank) : null;
  if (v.rank && !rank) errors.push({ field: 'rank', message: `"${v.rank}" is not a rank; use 科员, 副科级, 正科级, 副处级, 正处级, 副厅级 or 正厅级` });
  const isLeading = v.isLeading ? parseYesNo(v.isLeading) : false;
  if (isLeading === null) errors.push({ field: 'isLeading', message: `"${v.isLeading}" is not 是 or 否` });
  const appointmentDate = v.appointmentDate ? parseDate(v.appointmentDate) : null;
  if (v.appointmentDate && !appointmentDate) errors.push({ field: 'appointmentDate', message: `"${v.appointmentDate}" is not a date such as 2024-03-01` });

  let profile: ReturnType<typeof normaliseProfile> | null = null;
  try {
    profile = normaliseProfile({
      name: v.name ?? '',
      phone: v.phone,
      email: v.email,
      unitId: unit?.id ?? '',
      roles: [Role.CADRE],
      tier,
      isLeading: isLeading ?? false,
      rank,
      appointmentDate,
      spouseName: v.spouseName,
      spousePhone: v.spousePhone,
      spouseEmail: v.spouseEmail,
    });
  } catch (error) {
    if (error instanceof BadUserInputException) errors.push(...error.fields);
    else throw error;
  }
  if (errors.length || !profile || !unit) return null;
  return { profile, unitPath: unit.path };
}

/**
 * Finds a unit by the names in the file: a single name when it is unique in
 * the administrator's subtree, or a path such as 市纪委监委/第一监督检查室
 * (matched from its end) when it is not.
 */
export class UnitResolver {
  private readonly chains: { unit: UnitEntity; names: string[] }[];

  constructor(units: UnitEntity[]) {
    const byId = new Map(units.map((u) => [u.id, u]));
    this.chains = units.map((unit) => {
      const names = unit.path
        .split('/')
        .filter(Boolean)
        .map((id) => byId.get(id)?.name)
        .filter((n): n is string => !!n);
      return { unit, names };
    });
  }

  resolve(raw: string, errors: FieldProblem[]): UnitEntity | null {
    const wanted = raw.split(/[/／>＞]/).map((s) => s.trim()).filter(Boolean);
    const matches = this.chains.filter(({ names }) =>
      wanted.length <= names.length && wanted.every((name, i) => names[names.length - wanted.length + i] === name),
    );
    if (matches.length === 1) return matches[0].unit;
    if (matches.length === 0) {
      errors.push({ field: 'unit', message: `"${raw}" is not a unit in your part of the organisation` });
    } else {
      const examples = matches.slice(0, 3).map((m) => m.names.join('/')).join('; ');
      errors.push({ field: 'unit', message: `"${raw}" matches ${matches.length} units (${examples}); write its path` });
    }
    return null;
  }
}
