import { CourseSubject } from '@qinglian/courses';
import { QuestionData, QuestionKind } from '@qinglian/quizzes';

const D = CourseSubject.PARTY_DISCIPLINE;
const source = '《中国共产党纪律处分条例》';

/** A small bank of demo questions on party discipline. */
export const DEMO_QUESTIONS: QuestionData[] = [
  { kind: QuestionKind.TRUE_FALSE, stem: '党员领导干部可以借用管理和服务对象的车辆办私事。', answer: ['FALSE'], explanation: '借用管理和服务对象的车辆属于违反廉洁纪律的行为。', source, subject: D, difficulty: 1, tags: ['廉洁纪律'] },
  { kind: QuestionKind.TRUE_FALSE, stem: '领导干部操办婚丧喜庆事宜，应当按规定事先报告。', answer: ['TRUE'], explanation: '操办婚丧喜庆事宜须按规定报告，不得借机敛财。', source, subject: D, difficulty: 1, tags: ['廉洁纪律'] },
  { kind: QuestionKind.TRUE_FALSE, stem: '节日期间，党员干部可以接受下属单位用公款购买的节礼。', answer: ['FALSE'], explanation: '严禁用公款购买、赠送节礼。', source, subject: D, difficulty: 1, tags: ['节日'] },
  { kind: QuestionKind.SINGLE_CHOICE, stem: '党纪处分的种类不包括下列哪一项？', options: ['警告', '严重警告', '撤销党内职务', '罚款'], answer: ['D'], explanation: '党纪处分有警告、严重警告、撤销党内职务、留党察看、开除党籍五种。', source, subject: D, difficulty: 2, tags: ['处分种类'] },
  { kind: QuestionKind.SINGLE_CHOICE, stem: '节日期间收到管理服务对象赠送的购物卡，正确的做法是：', options: ['先收下再说', '按规定及时退还或上交', '转送亲友', '存起来不使用'], answer: ['B'], explanation: '收受的礼品礼金、消费卡应及时退还或上交。', source, subject: D, difficulty: 1, tags: ['节日', '廉洁纪律'] },
  { kind: QuestionKind.SINGLE_CHOICE, stem: '全面从严治党的治本之策是：', options: ['严明党的纪律', '加强宣传教育', '完善考核机制', '扩大队伍规模'], answer: ['A'], explanation: '严明纪律是全面从严治党的治本之策。', source: null, subject: D, difficulty: 2, tags: [] },
  { kind: QuestionKind.MULTIPLE_CHOICE, stem: '下列属于“六项纪律”的有：', options: ['政治纪律', '组织纪律', '廉洁纪律', '财务纪律'], answer: ['A', 'B', 'C'], explanation: '六项纪律：政治、组织、廉洁、群众、工作、生活纪律。', source, subject: D, difficulty: 2, tags: ['六项纪律'] },
  { kind: QuestionKind.FILL_BLANK, stem: '《中国共产党纪律处分条例》规定的六项纪律中，排在首位的是______纪律。', answer: ['政治'], explanation: '政治纪律是最重要、最根本、最关键的纪律。', source, subject: D, difficulty: 2, tags: ['六项纪律'] },
  { kind: QuestionKind.SHORT_ANSWER, stem: '结合本职工作，谈谈节日期间如何守住廉洁底线。', answer: [], explanation: '可从严格执行中央八项规定精神、管好亲属和身边人等方面作答。', source: null, subject: CourseSubject.PARTY_STYLE, difficulty: 3, tags: ['节日'] },
];

export const DEMO_LETTER = `廉政承诺书

本人郑重承诺：
一、严守党的政治纪律和政治规矩，坚决贯彻中央八项规定精神。
二、不利用职务便利为本人或亲属谋取私利，不收受礼品礼金、消费卡和有价证券。
三、不违规操办婚丧喜庆事宜，不接受可能影响公正执行公务的宴请。
四、管好配偶、子女和身边工作人员，自觉接受组织和群众监督。

如有违反，愿接受组织处理。`;
