import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@qinglian/audit';
import { Actor, BadUserInputException, ConflictException, ForbiddenException, hasRole, NotFoundException } from '@qinglian/common';
import { UnitEntity, UnitsService } from '@qinglian/identity';
import { DataSource } from 'typeorm';
import { sameDayIn } from '../campaigns/schedule';
import { CustomDateEntity } from '../reminder.entities';

export interface CustomDateInput {
  name: string;
  date: string;
  yearly: boolean;
  unitId?: string;
}

/** A custom date as it falls in a given year. */
export interface CustomDateInYear {
  customDate: CustomDateEntity;
  date: string;
}

/**
 * Dates a unit adds to the festival calendar, one-off or yearly (e.g. its
 * party branch activity day). A unit sees its own, those of the units above
 * it and, for administrators, those of the units they manage.
 */
@Injectable()
export class CustomDatesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly units: UnitsService,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor, input: CustomDateInput): Promise<CustomDateEntity> {
    if (!hasRole(actor, 'ADMIN')) throw new ForbiddenException('Only administrators keep the festival calendar');
    const name = input.name.trim();
    if (!name || name.length > 100) throw BadUserInputException.field('name', 'is required, at most 100 characters');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(input.date) || Number.isNaN(Date.parse(input.date)) || new Date(input.date).toISOString().slice(0, 10) !== input.date) {
      throw BadUserInputException.field('date', 'must be a calendar date YYYY-MM-DD');
    }
    return this.dataSource.transaction(async (m) => {
      const unit = await this.units.requireInScope(actor, input.unitId ?? actor.unitId, m, 'unitId');
      const saved = await m.save(CustomDateEntity, m.create(CustomDateEntity, { unitId: unit.id, name, date: input.date, yearly: input.yearly, createdBy: actor.id }));
      await this.audit.record(m, actor, [{ action: 'calendar.custom-date.create', entityType: 'CustomDate', entityId: saved.id, scopePath: unit.path, after: { name, date: input.date, yearly: input.yearly } }]);
      return saved;
    });
  }

  async remove(actor: Actor, id: string): Promise<CustomDateEntity> {
    if (!hasRole(actor, 'ADMIN')) throw new ForbiddenException('Only administrators keep the festival calendar');
    return this.dataSource.transaction(async (m) => {
      const { record, unit } = await this.units.requireManaged(actor, m, CustomDateEntity, id, { one: 'Custom date', many: 'custom dates' }, true);
      const [{ used }] = (await m.query(`SELECT count(*)::int AS used FROM reminder_campaigns WHERE custom_date_id = $1 AND status <> 'CANCELLED'`, [id])) as { used: number }[];
      if (used > 0) throw new ConflictException(`Custom date ${id} is used by ${used} reminder campaign(s): cancel them first`, { campaigns: used });
      await m.query(`UPDATE reminder_campaigns SET custom_date_id = NULL, send_date = $2 WHERE custom_date_id = $1`, [id, record.date]);
      await m.delete(CustomDateEntity, { id });
      await this.audit.record(m, actor, [{ action: 'calendar.custom-date.remove', entityType: 'CustomDate', entityId: id, scopePath: unit.path, before: { name: record.name, date: record.date } }]);
      return record;
    });
  }

  /** The custom dates falling in `year` that the caller sees, in date order. */
  async ofYear(actor: Actor, year: number): Promise<CustomDateInYear[]> {
    const me = await this.dataSource.manager.findOneBy(UnitEntity, { id: actor.unitId });
    if (!me) throw new NotFoundException('Unit', actor.unitId);
    const staff = hasRole(actor, 'ADMIN', 'TRAINER');
    const rows = await this.dataSource
      .getRepository(CustomDateEntity)
      .createQueryBuilder('d')
      .innerJoin(UnitEntity, 'du', 'du.id = d.unit_id')
      // units above mine (my path starts with theirs), or, for staff, any unit they manage
      .where(staff ? '(:mine LIKE du.path || \'%\' OR du.path LIKE :scope)' : ':mine LIKE du.path || \'%\'', { mine: me.path, scope: `${actor.scopePath}%` })
      .andWhere(`(d.yearly OR extract(year FROM d.date) = :year)`, { year })
      .getMany();
    return rows
      .map((customDate) => ({ customDate, date: customDate.yearly ? sameDayIn(customDate.date, year) : customDate.date }))
      .sort((a, b) => a.date.localeCompare(b.date));
  }
}
