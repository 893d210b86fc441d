import { CadreRank, CadreTier, Role } from '@qinglian/identity';

export const DEMO_PASSWORD = 'Qinglian2026';

/** The demo city: units by path of names, and people in them. */
export const DEMO_UNITS: string[][] = [
  ['青莲市'],
  ['青莲市', '市纪委监委'],
  ['青莲市', '市纪委监委', '党风政风监督室'],
  ['青莲市', '市纪委监委', '宣传部'],
  ['青莲市', '市委党校'],
  ['青莲市', '市财政局'],
  ['青莲市', '市财政局', '预算科'],
  ['青莲市', '清河镇'],
  ['青莲市', '清河镇', '党政办公室'],
];

export interface DemoUser {
  name: string;
  phone: string;
  email?: string;
  unit: string[];
  roles: Role[];
  tier?: CadreTier;
  isLeading?: boolean;
  rank?: CadreRank;
  appointmentDate?: string;
  spouseName?: string;
  spousePhone?: string;
  note: string;
}

export const DEMO_USERS: DemoUser[] = [
  { name: '周明', phone: '13900000001', email: 'admin@qinglian.local', unit: ['青莲市'], roles: [Role.ADMIN], note: 'administrator (whole city)' },
  { name: '陈静', phone: '13900000002', email: 'trainer@qinglian.local', unit: ['青莲市', '市委党校'], roles: [Role.TRAINER, Role.CADRE], tier: CadreTier.ON_JOB, note: 'trainer, party school' },
  { name: '刘洋', phone: '13900000003', unit: ['青莲市', '市财政局', '预算科'], roles: [Role.CADRE], tier: CadreTier.NEW_APPOINTEE, rank: CadreRank.DEPUTY_SECTION, appointmentDate: '2026-09-01', note: 'cadre, newly appointed' },
  { name: '王芳', phone: '13900000004', unit: ['青莲市', '清河镇', '党政办公室'], roles: [Role.CADRE], tier: CadreTier.RESERVE, rank: CadreRank.STAFF, note: 'cadre, reserve' },
  { name: '赵强', phone: '13900000005', unit: ['青莲市', '市财政局'], roles: [Role.CADRE], tier: CadreTier.ON_JOB, isLeading: true, rank: CadreRank.DIVISION, appointmentDate: '2021-03-15', spouseName: '孙丽', spousePhone: '13900000015', note: 'cadre, on the job, leading cadre (spouse on file)' },
  { name: '黄建国', phone: '13900000006', unit: ['青莲市', '清河镇'], roles: [Role.CADRE], tier: CadreTier.RETIRED, rank: CadreRank.SECTION, note: 'cadre, retired' },
  { name: '吴敏', phone: '13900000007', unit: ['青莲市', '市纪委监委', '党风政风监督室'], roles: [Role.ADMIN, Role.CADRE], tier: CadreTier.ON_JOB, rank: CadreRank.SECTION, note: 'administrator of one office (subtree only)' },
];
