import { Field, ID, ObjectType } from '@nestjs/graphql';
import { CadreRank, CadreTier, Role, UserEntity } from '@qinglian/identity';
import { Connection } from '../../../graphql/connection.model';
import '../../../graphql/enums';

@ObjectType('SpouseContact', { description: 'Used for family clean-government reminders (家庭助廉).' })
export class SpouseContactModel {
  @Field(() => String, { nullable: true })
  name: string | null;

  @Field(() => String, { nullable: true })
  phone: string | null;

  @Field(() => String, { nullable: true })
  email: string | null;
}

@ObjectType('User')
export class UserModel {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => String, { nullable: true, description: 'Mainland mobile number; one of phone and email is the login.' })
  phone: string | null;

  @Field(() => String, { nullable: true })
  email: string | null;

  @Field(() => ID)
  unitId: string;

  @Field(() => [Role])
  roles: Role[];

  @Field(() => CadreTier, { nullable: true })
  tier: CadreTier | null;

  @Field({ description: 'Leading cadre (领导干部).' })
  isLeading: boolean;

  @Field(() => CadreRank, { nullable: true })
  rank: CadreRank | null;

  @Field(() => String, { nullable: true, description: 'Date of appointment to the current post, YYYY-MM-DD.' })
  appointmentDate: string | null;

  @Field(() => SpouseContactModel, { nullable: true })
  spouse: SpouseContactModel | null;

  @Field()
  active: boolean;

  @Field({ description: 'The password was set by an administrator and must be changed.' })
  mustChangePassword: boolean;

  @Field(() => Date)
  createdAt: Date;

  @Field(() => Date)
  updatedAt: Date;

  static from(entity: UserEntity): UserModel {
    const hasSpouse = entity.spouseName || entity.spousePhone || entity.spouseEmail;
    return Object.assign(new UserModel(), {
      id: entity.id,
      name: entity.name,
      phone: entity.phone,
      email: entity.email,
      unitId: entity.unitId,
      roles: entity.roles,
      tier: entity.tier,
      isLeading: entity.isLeading,
      rank: entity.rank,
      appointmentDate: entity.appointmentDate,
      spouse: hasSpouse ? { name: entity.spouseName, phone: entity.spousePhone, email: entity.spouseEmail } : null,
      active: entity.active,
      mustChangePassword: entity.mustChangePassword,
      createdAt: entity.createdAt,
      updatedAt: entity.updatedAt,
    });
  }
}

export const UserConnection = Connection(UserModel, 'UserConnection');
