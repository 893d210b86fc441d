import { CourseSubject, LessonKind } from '@qinglian/courses';
import { CadreTier } from '@qinglian/identity';

export interface DemoLesson {
  kind: LessonKind;
  title: string;
  body?: string;
  optional?: boolean;
  /** VIDEO: a generated film of this many seconds (needs ffmpeg). */
  filmSeconds?: number;
}

export interface DemoCourse {
  title: string;
  summary: string;
  subject: CourseSubject;
  classHours: number;
  requiredTiers: CadreTier[];
  lessons: DemoLesson[];
}

/** Courses of the demo city, owned by 青莲市 so every cadre sees them. */
export const DEMO_COURSES: DemoCourse[] = [
  {
    title: '《中国共产党纪律处分条例》逐章学习',
    summary: '围绕政治纪律、组织纪律、廉洁纪律、群众纪律、工作纪律、生活纪律，逐章解读条例要求。',
    subject: CourseSubject.PARTY_DISCIPLINE,
    classHours: 2,
    requiredTiers: [CadreTier.ON_JOB, CadreTier.NEW_APPOINTEE],
    lessons: [
      { kind: LessonKind.ARTICLE, title: '总则：为什么要严明党的纪律', body: '<h3>学习要点</h3><p>党的纪律是党的各级组织和全体党员必须遵守的行为规则。严明纪律，是全面从严治党的治本之策。</p><p>学习时请结合本单位实际，思考纪律要求在日常工作中的体现。</p>' },
      { kind: LessonKind.ARTICLE, title: '六项纪律要点', body: '<ol><li>政治纪律</li><li>组织纪律</li><li>廉洁纪律</li><li>群众纪律</li><li>工作纪律</li><li>生活纪律</li></ol><p>重点把握廉洁纪律中关于收受礼品礼金、违规吃喝、操办婚丧喜庆事宜的规定。</p>' },
      { kind: LessonKind.QUIZ, title: '随堂测验', optional: true },
    ],
  },
  {
    title: '警示教育片观看：以案为鉴',
    summary: '观看警示教育片，剖析典型案例中的思想根源与制度漏洞，撰写观后感。',
    subject: CourseSubject.WARNING_CASES,
    classHours: 1,
    requiredTiers: [CadreTier.ON_JOB],
    lessons: [
      { kind: LessonKind.ARTICLE, title: '观看前导读', body: '<p>请在观看时关注：案中人是如何一步步放松要求、突破底线的？</p>' },
      { kind: LessonKind.VIDEO, title: '警示教育片（演示片段）', filmSeconds: 120 },
    ],
  },
  {
    title: '清廉家风建设',
    summary: '领导干部要注重家庭、家教、家风，管好亲属和身边工作人员。',
    subject: CourseSubject.FAMILY_VIRTUE,
    classHours: 0.5,
    requiredTiers: [],
    lessons: [{ kind: LessonKind.ARTICLE, title: '家风是作风的重要体现', body: '<p>家风正则民风淳，家风正则政风清。节日期间更要守住廉洁关口，婉拒礼品礼金。</p>' }],
  },
];
