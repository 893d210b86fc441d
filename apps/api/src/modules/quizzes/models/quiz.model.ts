import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { CourseSubject } from '@qinglian/courses';
import {
  AttemptItemView,
  AttemptStatus,
  AttemptView,
  CommitmentLetterEntity,
  CommitmentSignatureEntity,
  DrawRule,
  QuestionEntity,
  QuestionFileFormat,
  QuestionKind,
  QuizAttemptEntity,
  QuizEntity,
  QuizMode,
  QuizStatus,
  ReviewPolicy,
  ScoringRule,
} from '@qinglian/quizzes';
import { Connection } from '../../../graphql/connection.model';
import { localisedMessage } from '../../../graphql/localised.middleware';
import '../../courses/models/course.model';

registerEnumType(QuestionKind, { name: 'QuestionKind', description: 'SINGLE_CHOICE 单选, MULTIPLE_CHOICE 多选, TRUE_FALSE 判断, FILL_BLANK 填空, SHORT_ANSWER 简答' });
registerEnumType(QuizMode, { name: 'QuizMode', description: 'FIXED: the listed questions; DRAW: drawn per attempt by rules' });
registerEnumType(ScoringRule, { name: 'ScoringRule', description: 'Which attempt counts: HIGHEST or LATEST' });
registerEnumType(ReviewPolicy, { name: 'ReviewPolicy', description: 'When correct answers and explanations are shown' });
registerEnumType(QuizStatus, { name: 'QuizStatus' });
registerEnumType(AttemptStatus, { name: 'AttemptStatus', description: 'IN_PROGRESS, PENDING_REVIEW (short answers wait for a trainer), GRADED' });
registerEnumType(QuestionFileFormat, { name: 'QuestionFileFormat' });

@ObjectType('QuestionOption')
export class QuestionOptionModel {
  @Field() key: string;
  @Field() text: string;
}

@ObjectType('Question', { description: 'A question of the bank, with its answer key (trainers and administrators only).' })
export class QuestionModel {
  @Field(() => ID) id: string;
  @Field(() => ID, { description: 'Shared by every version of this question.' }) familyId: string;
  @Field(() => Int) version: number;
  @Field({ description: 'The version quizzes use now.' }) current: boolean;
  @Field(() => QuestionKind) kind: QuestionKind;
  @Field() stem: string;
  @Field(() => [QuestionOptionModel]) options: QuestionOptionModel[];
  @Field(() => [String], { description: 'Correct option keys; TRUE or FALSE; accepted fill-in answers; a model short answer.' }) answer: string[];
  @Field() explanation: string;
  @Field(() => String, { nullable: true, description: 'The regulation and article the question tests.' }) source: string | null;
  @Field(() => CourseSubject) subject: CourseSubject;
  @Field(() => Int) difficulty: number;
  @Field(() => [String]) tags: string[];
  @Field(() => ID) unitId: string;
  @Field() archived: boolean;
  @Field(() => Date) createdAt: Date;

  static from(q: QuestionEntity): QuestionModel {
    const key = q.answer as { correct?: string[]; truth?: boolean; accepted?: string[]; reference?: string | null };
    const answer = key.correct ?? (key.truth !== undefined ? [key.truth ? 'TRUE' : 'FALSE'] : key.accepted ?? (key.reference ? [key.reference] : []));
    return Object.assign(new QuestionModel(), {
      id: q.id,
      familyId: q.familyId,
      version: q.version,
      current: q.current,
      kind: q.kind,
      stem: q.stem,
      options: q.options,
      answer,
      explanation: q.explanation,
      source: q.source,
      subject: q.subject,
      difficulty: q.difficulty,
      tags: q.tags,
      unitId: q.unitId,
      archived: q.archivedAt !== null,
      createdAt: q.createdAt,
    });
  }
}

export const QuestionConnection = Connection(QuestionModel, 'QuestionConnection');

@ObjectType('ImportProblemDetail')
export class ImportProblemModel {
  @Field() field: string;
  @Field({ description: "Why, in the language of the request's Accept-Language.", middleware: [localisedMessage] }) message: string;
}

@ObjectType('QuestionImportRow')
export class QuestionImportRowModel {
  @Field(() => Int, { description: 'CSV: the line; JSON: the place in the array, from 1.' }) line: number;
  @Field({ description: 'CREATED or ERROR' }) status: string;
  @Field(() => ID, { nullable: true }) questionId: string | null;
  @Field(() => [ImportProblemModel]) problems: ImportProblemModel[];
}

@ObjectType('QuestionImportReport')
export class QuestionImportReportModel {
  @Field(() => Int) created: number;
  @Field(() => Int) failed: number;
  @Field(() => [QuestionImportRowModel]) rows: QuestionImportRowModel[];
}

@ObjectType('DrawRule')
export class DrawRuleModel {
  @Field(() => Int) count: number;
  @Field(() => QuestionKind, { nullable: true }) kind: QuestionKind | null;
  @Field(() => CourseSubject, { nullable: true }) subject: CourseSubject | null;
  @Field(() => Int, { nullable: true }) minDifficulty: number | null;
  @Field(() => Int, { nullable: true }) maxDifficulty: number | null;
  @Field(() => [String], { nullable: true }) tags: string[] | null;
  @Field(() => Float, { nullable: true }) points: number | null;
}

@ObjectType('Quiz')
export class QuizModel {
  @Field(() => ID) id: string;
  @Field() title: string;
  @Field() description: string;
  @Field(() => QuizMode) mode: QuizMode;
  @Field(() => [DrawRuleModel]) drawRules: DrawRule[];
  @Field(() => Date, { nullable: true }) opensAt: Date | null;
  @Field(() => Date, { nullable: true }) closesAt: Date | null;
  @Field(() => Int, { nullable: true }) timeLimitSeconds: number | null;
  @Field(() => Int, { nullable: true }) maxAttempts: number | null;
  @Field(() => Int) minDelaySeconds: number;
  @Field(() => Float, { description: 'Percentage needed to pass.' }) passMark: number;
  @Field(() => ScoringRule) scoring: ScoringRule;
  @Field(() => ReviewPolicy) reviewPolicy: ReviewPolicy;
  @Field({ description: 'An integrity exam (廉政考试): pass or fail goes on the cadre\'s record.' }) integrityExam: boolean;
  @Field(() => Float, { description: 'Class hours earned by passing.' }) classHours: number;
  @Field({ description: 'A knowledge contest between units, with rankings.' }) contest: boolean;
  @Field() liveRanking: boolean;
  @Field(() => [ID]) audienceUnitIds: string[];
  @Field(() => QuizStatus) status: QuizStatus;
  @Field(() => ID) unitId: string;
  @Field(() => Date) createdAt: Date;

  static from(z: QuizEntity): QuizModel {
    return Object.assign(new QuizModel(), { ...z });
  }
}

export const QuizConnection = Connection(QuizModel, 'QuizConnection');

@ObjectType('AttemptOption')
export class AttemptOptionModel {
  @Field({ description: 'A, B, C... in the order shown in this attempt.' }) label: string;
  @Field() text: string;
}

@ObjectType('AttemptResponse')
export class AttemptResponseModel {
  @Field(() => [String], { nullable: true }) choices?: string[] | null;
  @Field(() => Boolean, { nullable: true }) truth?: boolean | null;
  @Field(() => String, { nullable: true }) text?: string | null;
}

@ObjectType('ItemReview', { description: 'Shown only once the attempt is graded and the review policy allows it.' })
export class ItemReviewModel {
  @Field(() => Boolean, { nullable: true }) correct: boolean | null;
  @Field(() => Float, { nullable: true }) score: number | null;
  @Field(() => [String]) correctAnswer: string[];
  @Field() explanation: string;
  @Field(() => String, { nullable: true }) source: string | null;
  @Field(() => String, { nullable: true, description: "The trainer's comment on a short answer." }) comment: string | null;
}

@ObjectType('AttemptItem')
export class AttemptItemModel {
  @Field(() => Int) position: number;
  @Field(() => QuestionKind) kind: QuestionKind;
  @Field() stem: string;
  @Field(() => [AttemptOptionModel]) options: AttemptOptionModel[];
  @Field(() => Float) points: number;
  @Field(() => AttemptResponseModel, { nullable: true }) response: AttemptResponseModel | null;
  @Field(() => Date, { nullable: true }) answeredAt: Date | null;
  @Field(() => ItemReviewModel, { nullable: true }) review: ItemReviewModel | null;

  static from(i: AttemptItemView): AttemptItemModel {
    return Object.assign(new AttemptItemModel(), i);
  }
}

@ObjectType('QuizAttempt')
export class QuizAttemptModel {
  @Field(() => ID) id: string;
  @Field(() => ID) quizId: string;
  @Field(() => Int) number: number;
  @Field(() => AttemptStatus) status: AttemptStatus;
  @Field(() => Date) startedAt: Date;
  @Field(() => Date, { nullable: true, description: 'Answers are refused from this moment; an open attempt is graded then.' }) deadlineAt: Date | null;
  @Field(() => Date, { nullable: true }) submittedAt: Date | null;
  @Field(() => Date, { nullable: true }) gradedAt: Date | null;
  @Field({ description: 'Closed at the deadline by the server.' }) autoSubmitted: boolean;
  @Field(() => Float, { nullable: true }) score: number | null;
  @Field(() => Float) maxScore: number;
  @Field(() => Float, { nullable: true }) percent: number | null;
  @Field(() => Boolean, { nullable: true }) passed: boolean | null;

  static from(a: QuizAttemptEntity): QuizAttemptModel {
    return Object.assign(new QuizAttemptModel(), {
      id: a.id,
      quizId: a.quizId,
      number: a.number,
      status: a.status,
      startedAt: a.startedAt,
      deadlineAt: a.deadlineAt,
      submittedAt: a.submittedAt,
      gradedAt: a.gradedAt,
      autoSubmitted: a.autoSubmitted,
      score: a.score,
      maxScore: a.maxScore,
      percent: a.percent,
      passed: a.passed,
    });
  }
}

@ObjectType('QuizAttemptDetail', { description: 'An attempt with its questions.' })
export class QuizAttemptDetailModel extends QuizAttemptModel {
  @Field() quizTitle: string;
  @Field() reviewAvailable: boolean;
  @Field(() => Date, { description: "The server's time when this was read, for a countdown that does not trust the phone's clock." }) serverTime: Date;
  @Field(() => [AttemptItemModel]) items: AttemptItemModel[];

  static fromView(v: AttemptView, serverTime: Date): QuizAttemptDetailModel {
    return Object.assign(new QuizAttemptDetailModel(), QuizAttemptModel.from(v.attempt), {
      quizTitle: v.quiz.title,
      reviewAvailable: v.reviewAvailable,
      serverTime,
      items: v.items.map(AttemptItemModel.from),
    });
  }
}

@ObjectType('PendingShortAnswer')
export class PendingAnswerModel {
  @Field(() => ID) attemptId: string;
  @Field(() => Int) position: number;
  @Field(() => ID) userId: string;
  @Field() stem: string;
  @Field() text: string;
  @Field(() => Float) points: number;
  @Field(() => String, { nullable: true }) reference: string | null;
  @Field(() => Date) submittedAt: Date;
}

@ObjectType('ContestRankingRow')
export class RankingRowModel {
  @Field(() => Int) rank: number;
  @Field(() => ID) userId: string;
  @Field() name: string;
  @Field() unitName: string;
  @Field(() => Float) percent: number;
  @Field(() => Float) timeTakenSeconds: number;
}

@ObjectType('ContestUnitRankingRow')
export class UnitRankingRowModel {
  @Field(() => Int) rank: number;
  @Field(() => ID) unitId: string;
  @Field() unitName: string;
  @Field(() => Int) participants: number;
  @Field(() => Int) eligible: number;
  @Field(() => Float, { description: 'Percent of the unit\'s cadres who took part.' }) participationRate: number;
  @Field(() => Float) averagePercent: number;
}

@ObjectType('ContestRankings')
export class RankingsModel {
  @Field(() => [RankingRowModel]) people: RankingRowModel[];
  @Field(() => [UnitRankingRowModel]) units: UnitRankingRowModel[];
  @Field({ description: 'True once the contest has closed.' }) final: boolean;
}

@ObjectType('CommitmentLetter', { description: 'The integrity commitment letter (廉政承诺书) text.' })
export class CommitmentLetterModel {
  @Field(() => ID) id: string;
  @Field() body: string;
  @Field(() => ID) unitId: string;
  @Field(() => Date) createdAt: Date;

  static from(l: CommitmentLetterEntity): CommitmentLetterModel {
    return Object.assign(new CommitmentLetterModel(), { id: l.id, body: l.body, unitId: l.unitId, createdAt: l.createdAt });
  }
}

@ObjectType('CommitmentSignature')
export class CommitmentSignatureModel {
  @Field(() => ID) id: string;
  @Field(() => ID) letterId: string;
  @Field(() => ID) attemptId: string;
  @Field({ description: 'The text as signed.' }) body: string;
  @Field() bodySha256: string;
  @Field(() => Date) signedAt: Date;

  static from(s: CommitmentSignatureEntity): CommitmentSignatureModel {
    return Object.assign(new CommitmentSignatureModel(), { id: s.id, letterId: s.letterId, attemptId: s.attemptId, body: s.body, bodySha256: s.bodySha256, signedAt: s.signedAt });
  }
}

@ObjectType('IntegrityExamResult')
export class IntegrityExamResultModel {
  @Field(() => ID) quizId: string;
  @Field() title: string;
  @Field(() => ID) attemptId: string;
  @Field(() => Float) percent: number;
  @Field() passed: boolean;
  @Field(() => Date) gradedAt: Date;
  @Field(() => Int) attempts: number;
}

@ObjectType('IntegrityRecord')
export class IntegrityRecordModel {
  @Field(() => ID) userId: string;
  @Field(() => [IntegrityExamResultModel]) exams: IntegrityExamResultModel[];
  @Field(() => [CommitmentSignatureModel]) signatures: CommitmentSignatureModel[];
}
