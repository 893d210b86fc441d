import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { SYSTEM_ACTOR } from '@qinglian/common';
import { UnitEntity, UnitsService, UserEntity, UsersService } from '@qinglian/identity';
import { DataSource, IsNull } from 'typeorm';
import { DEMO_PASSWORD, DEMO_UNITS, DEMO_USERS } from './demo-data';

/**
 * Creates the demo organisation. Safe to run again: units and users that
 * already exist (same place in the tree, same phone) are left as they are,
 * including passwords people have changed.
 */
@Injectable()
export class SeedService {
  constructor(
    private readonly units: UnitsService,
    private readonly users: UsersService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async seedDemo(): Promise<{ unitsCreated: number; usersCreated: number }> {
    const byPath = new Map<string, UnitEntity>();
    let unitsCreated = 0;
    for (const names of DEMO_UNITS) {
      const parent = names.length > 1 ? byPath.get(names.slice(0, -1).join('/'))! : null;
      const name = names[names.length - 1];
      let unit = await this.dataSource.manager.findOneBy(UnitEntity, { name, parentId: parent ? parent.id : IsNull() });
      if (!unit) {
        unit = await this.units.create(SYSTEM_ACTOR, { name, parentId: parent?.id ?? null });
        unitsCreated++;
      }
      byPath.set(names.join('/'), unit);
    }
    let usersCreated = 0;
    for (const demo of DEMO_USERS) {
      if (await this.dataSource.manager.existsBy(UserEntity, { phone: demo.phone })) continue;
      await this.users.create(SYSTEM_ACTOR, {
        name: demo.name,
        phone: demo.phone,
        email: demo.email,
        unitId: byPath.get(demo.unit.join('/'))!.id,
        roles: demo.roles,
        tier: demo.tier ?? null,
        isLeading: demo.isLeading ?? false,
        rank: demo.rank ?? null,
        appointmentDate: demo.appointmentDate ?? null,
        spouseName: demo.spouseName,
        spousePhone: demo.spousePhone,
        initialPassword: DEMO_PASSWORD,
      });
      usersCreated++;
    }
    // demo accounts may sign in with the printed password without being forced to change it
    await this.dataSource.query(`UPDATE users SET must_change_password = false WHERE phone = ANY($1)`, [DEMO_USERS.map((u) => u.phone)]);
    return { unitsCreated, usersCreated };
  }
}
