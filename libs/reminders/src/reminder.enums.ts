export enum TriggerKind {
  /** A built-in festival, each year's date recomputed. */
  FESTIVAL = 'FESTIVAL',
  /** A fixed date, or one of the unit's custom dates. */
  DATE = 'DATE',
  /** A cadre's reported occasion (wedding, funeral...). */
  OCCASION = 'OCCASION',
}

export enum CampaignStatus {
  DRAFT = 'DRAFT',
  SCHEDULED = 'SCHEDULED',
  SENDING = 'SENDING',
  SENT = 'SENT',
  CANCELLED = 'CANCELLED',
}

export enum OccurrenceStatus {
  SCHEDULED = 'SCHEDULED',
  SENDING = 'SENDING',
  SENT = 'SENT',
  CANCELLED = 'CANCELLED',
}

export enum DeliveryStatus {
  PENDING = 'PENDING',
  SENT = 'SENT',
  FAILED = 'FAILED',
  SKIPPED = 'SKIPPED',
}

export enum Recipient {
  CADRE = 'CADRE',
  SPOUSE = 'SPOUSE',
}

/** Personal occasions named in the clean-government rules. */
export enum OccasionKind {
  WEDDING = 'WEDDING',
  FUNERAL = 'FUNERAL',
  RELATIVE_CELEBRATION = 'RELATIVE_CELEBRATION',
  CHILD_STUDIES = 'CHILD_STUDIES',
  MOVING_HOUSE = 'MOVING_HOUSE',
  HOSPITALISATION = 'HOSPITALISATION',
  WORK_TRANSFER = 'WORK_TRANSFER',
}

export const OCCASION_NAMES: Record<OccasionKind, string> = {
  [OccasionKind.WEDDING]: '婚嫁',
  [OccasionKind.FUNERAL]: '丧葬',
  [OccasionKind.RELATIVE_CELEBRATION]: '亲属寿辰喜庆',
  [OccasionKind.CHILD_STUDIES]: '子女升学',
  [OccasionKind.MOVING_HOUSE]: '乔迁新居',
  [OccasionKind.HOSPITALISATION]: '生病住院',
  [OccasionKind.WORK_TRANSFER]: '工作调动',
};

/** Why a delivery was skipped (failures carry the channel's PermanentFailureReason or TransientFailureReason). */
export enum SkipReason {
  NO_PHONE = 'NO_PHONE',
  NO_EMAIL = 'NO_EMAIL',
  CANCELLED = 'CANCELLED',
}
