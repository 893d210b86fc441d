export enum Role {
  ADMIN = 'ADMIN',
  TRAINER = 'TRAINER',
  CADRE = 'CADRE',
}

export enum CadreTier {
  NEW_APPOINTEE = 'NEW_APPOINTEE',
  RESERVE = 'RESERVE',
  ON_JOB = 'ON_JOB',
  RETIRED = 'RETIRED',
}

/** Civil-service leadership ranks, from section member up to bureau head. */
export enum CadreRank {
  STAFF = 'STAFF',
  DEPUTY_SECTION = 'DEPUTY_SECTION',
  SECTION = 'SECTION',
  DEPUTY_DIVISION = 'DEPUTY_DIVISION',
  DIVISION = 'DIVISION',
  DEPUTY_BUREAU = 'DEPUTY_BUREAU',
  BUREAU = 'BUREAU',
}

export const TIER_LABELS_ZH: Record<CadreTier, string> = {
  [CadreTier.NEW_APPOINTEE]: '新任职',
  [CadreTier.RESERVE]: '后备',
  [CadreTier.ON_JOB]: '在职',
  [CadreTier.RETIRED]: '退休',
};

export const RANK_LABELS_ZH: Record<CadreRank, string> = {
  [CadreRank.STAFF]: '科员',
  [CadreRank.DEPUTY_SECTION]: '副科级',
  [CadreRank.SECTION]: '正科级',
  [CadreRank.DEPUTY_DIVISION]: '副处级',
  [CadreRank.DIVISION]: '正处级',
  [CadreRank.DEPUTY_BUREAU]: '副厅级',
  [CadreRank.BUREAU]: '正厅级',
};

export const ROLE_LABELS_ZH: Record<Role, string> = {
  [Role.ADMIN]: '管理员',
  [Role.TRAINER]: '培训教师',
  [Role.CADRE]: '干部',
};
