import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@qinglian/audit';
import { Actor, BadUserInputException, Clock, ConflictException, ForbiddenException, hasRole, inScope, NotFoundException } from '@qinglian/common';
import { ME_CTE } from '@qinglian/courses';
import { UnitsService } from '@qinglian/identity';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CommitmentLetterEntity, CommitmentSignatureEntity } from '../entities/commitment.entity';
import { QuizAttemptEntity } from '../entities/quiz-attempt.entity';
import { QuizEntity } from '../entities/quiz.entity';
import { AttemptStatus } from '../quiz.enums';

export interface IntegrityExamResult {
  quizId: string;
  title: string;
  /** The latest graded attempt. */
  attemptId: string;
  percent: number;
  passed: boolean;
  gradedAt: Date;
  attempts: number;
}

export interface IntegrityRecord {
  userId: string;
  exams: IntegrityExamResult[];
  signatures: CommitmentSignatureEntity[];
}

/**
 * Integrity exams (廉政考试) and the commitment letter (廉政承诺书). An exam is a
 * quiz flagged as such; its latest graded attempt is the cadre's result. After
 * a pass the cadre signs the letter that applies to their unit: the text,
 * its SHA-256 and the time are stored once, and the database refuses any
 * change or removal of a signature.
 */
@Injectable()
export class IntegrityService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly units: UnitsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Administrators set the letter's text for their unit and below; each change is a new version. */
  async setLetter(actor: Actor, body: string, unitId?: string | null): Promise<CommitmentLetterEntity> {
    const text = body?.trim();
    if (!text) throw BadUserInputException.field('body', 'must hold the text of the letter');
    if (text.length > 20_000) throw BadUserInputException.field('body', 'must be at most 20,000 characters');
    return this.dataSource.transaction(async (m) => {
      const unit = await this.units.requireInScope(actor, unitId ?? actor.unitId, m, 'unitId');
      const letter = await m.save(CommitmentLetterEntity, m.create(CommitmentLetterEntity, { unitId: unit.id, body: text, createdBy: actor.id, createdAt: this.clock.now() }));
      await this.audit.record(m, actor, [{ action: 'integrity.letter.set', entityType: 'CommitmentLetter', entityId: letter.id, scopePath: unit.path }]);
      return letter;
    });
  }

  /** The letter that applies to a cadre: the newest one set for their unit or the nearest unit above it. */
  async letterFor(userId: string): Promise<CommitmentLetterEntity | null> {
    const [row] = await this.dataSource.query(
      `WITH ${ME_CTE}
       SELECT l.id FROM commitment_letters l JOIN units u ON u.id = l.unit_id CROSS JOIN me
        WHERE starts_with(me.path, u.path) ORDER BY u.depth DESC, l.created_at DESC LIMIT 1`,
      [userId],
    );
    return row ? this.dataSource.manager.findOneByOrFail(CommitmentLetterEntity, { id: row.id }) : null;
  }

  /** For administrators: the letter that applies to a unit of their subtree (its own, or the nearest unit's above it). */
  async letterForUnit(actor: Actor, unitId?: string | null): Promise<CommitmentLetterEntity | null> {
    const unit = await this.units.requireInScope(actor, unitId ?? actor.unitId, this.dataSource.manager, 'unitId');
    const [row] = await this.dataSource.query(
      `SELECT l.id FROM commitment_letters l JOIN units u ON u.id = l.unit_id
        WHERE starts_with($1, u.path) ORDER BY u.depth DESC, l.created_at DESC LIMIT 1`,
      [unit.path],
    );
    return row ? this.dataSource.manager.findOneByOrFail(CommitmentLetterEntity, { id: row.id }) : null;
  }

  /** Signs the letter after passing an integrity exam; once per letter. */
  async sign(actor: Actor, attemptId: string): Promise<CommitmentSignatureEntity> {
    return this.dataSource.transaction(async (m) => {
      const attempt = await m.findOne(QuizAttemptEntity, { where: { id: attemptId } });
      if (!attempt) throw new NotFoundException('Attempt', attemptId);
      if (attempt.userId !== actor.id) throw new ForbiddenException('Sign with your own exam attempt');
      const quiz = await m.findOneByOrFail(QuizEntity, { id: attempt.quizId });
      if (!quiz.integrityExam) throw BadUserInputException.field('attemptId', 'is not an integrity exam attempt');
      if (attempt.status !== AttemptStatus.GRADED || !attempt.passed) throw new ConflictException('The commitment letter is signed after passing the integrity exam');
      const letter = await this.letterFor(actor.id);
      if (!letter) throw new ConflictException('No commitment letter has been set for your unit yet; ask your administrator');
      const existing = await m.findOne(CommitmentSignatureEntity, { where: { userId: actor.id, letterId: letter.id } });
      if (existing) throw new ConflictException(`You signed this letter at ${existing.signedAt.toISOString()}`, { signatureId: existing.id });
      const signature = await m.save(
        CommitmentSignatureEntity,
        m.create(CommitmentSignatureEntity, {
          userId: actor.id,
          letterId: letter.id,
          attemptId,
          body: letter.body,
          bodySha256: createHash('sha256').update(letter.body, 'utf8').digest('hex'),
          signedAt: this.clock.now(),
        }),
      );
      const [unit] = await m.query(`SELECT u.path FROM users x JOIN units u ON u.id = x.unit_id WHERE x.id = $1`, [actor.id]);
      await this.audit.record(m, actor, [{ action: 'integrity.letter.sign', entityType: 'CommitmentSignature', entityId: signature.id, scopePath: unit.path }]);
      return signature;
    });
  }

  /** A cadre's integrity exam results and signatures; their own, or any cadre of a staff member's subtree. */
  async record(actor: Actor, userId: string): Promise<IntegrityRecord> {
    if (userId !== actor.id) {
      const [row] = await this.dataSource.query(`SELECT u.path FROM users x JOIN units u ON u.id = x.unit_id WHERE x.id = $1`, [userId]);
      if (!row || !hasRole(actor, 'ADMIN', 'TRAINER') || !inScope(actor, row.path)) throw new NotFoundException('User', userId);
    }
    const exams: IntegrityExamResult[] = await this.dataSource.query(
      `SELECT DISTINCT ON (z.id) z.id AS "quizId", z.title, a.id AS "attemptId", a.percent::float AS percent, a.passed, a.graded_at AS "gradedAt",
              (SELECT count(*)::int FROM quiz_attempts x WHERE x.quiz_id = z.id AND x.user_id = $1) AS attempts
         FROM quiz_attempts a JOIN quizzes z ON z.id = a.quiz_id
        WHERE a.user_id = $1 AND z.integrity_exam AND a.status = 'GRADED'
        ORDER BY z.id, a.graded_at DESC`,
      [userId],
    );
    const signatures = await this.dataSource.manager.find(CommitmentSignatureEntity, { where: { userId }, order: { signedAt: 'ASC' } });
    return { userId, exams, signatures };
  }
}
