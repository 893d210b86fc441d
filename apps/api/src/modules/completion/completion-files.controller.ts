import { Controller, Get, Header, NotFoundException as HttpNotFound, Param, ParseIntPipe, Query, Res } from '@nestjs/common';
import { Actor, BadUserInputException, Public } from '@qinglian/common';
import { CompletionRecordsService, CompletionStatus, renderCertificate } from '@qinglian/completion';
import { AppConfig } from '@qinglian/config';
import { CadreTier, Role } from '@qinglian/identity';
import type { Response } from 'express';
import { CurrentActor, Roles, SignedIn } from '../../auth/access.decorators';

const tierOf = (value?: string) => {
  if (value && !Object.values(CadreTier).includes(value as CadreTier)) throw BadUserInputException.field('tier', `must be one of ${Object.values(CadreTier).join(', ')}`);
  return (value as CadreTier) || null;
};
const yearOf = (value?: string) => {
  const year = Number(value);
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw BadUserInputException.field('year', 'must be a year between 2000 and 2100');
  return year;
};
const csv = (res: Response, filename: string, content: string) =>
  res
    .status(200)
    .type('text/csv; charset=utf-8')
    .setHeader('Content-Disposition', `attachment; filename="${encodeURIComponent(filename)}"; filename*=UTF-8''${encodeURIComponent(filename)}`)
    .send(content);

/** Completion reports as CSV, certificates as PDF, and the public certificate check. */
@Controller()
export class CompletionFilesController {
  constructor(
    private readonly records: CompletionRecordsService,
    private readonly config: AppConfig,
  ) {}

  @Get('exports/completion/report.csv')
  @Roles(Role.ADMIN, Role.TRAINER)
  @Header('Cache-Control', 'no-store')
  async report(@CurrentActor() actor: Actor, @Query() q: { year?: string; unitId?: string; tier?: string }, @Res() res: Response): Promise<void> {
    const year = yearOf(q.year);
    csv(res, `completion-report-${year}.csv`, await this.records.reportCsv(actor, year, q.unitId || null, tierOf(q.tier)));
  }

  @Get('exports/completion/records.csv')
  @Roles(Role.ADMIN, Role.TRAINER)
  @Header('Cache-Control', 'no-store')
  async list(@CurrentActor() actor: Actor, @Query() q: { year?: string; unitId?: string; tier?: string; status?: string }, @Res() res: Response): Promise<void> {
    const year = yearOf(q.year);
    if (q.status && !Object.values(CompletionStatus).includes(q.status as CompletionStatus)) throw BadUserInputException.field('status', 'is not a completion status');
    csv(res, `completion-records-${year}.csv`, await this.records.recordsCsv(actor, { year, unitId: q.unitId || null, tier: tierOf(q.tier), status: (q.status as CompletionStatus) || null }));
  }

  @Get('certificates/:year.pdf')
  @SignedIn()
  @Header('Cache-Control', 'no-store')
  async certificate(@CurrentActor() actor: Actor, @Param('year', ParseIntPipe) year: number, @Res() res: Response): Promise<void> {
    const data = await this.records.certificateData(actor, year);
    const base = (this.config.get('PUBLIC_URL') ?? '').replace(/\/$/, '');
    const pdf = await renderCertificate({ ...data, verifyUrl: `${base}/certificates/verify/${data.record.certificateCode}` });
    res.status(200).type('application/pdf').setHeader('Content-Disposition', `inline; filename="certificate-${year}.pdf"`).send(pdf);
  }

  @Get('certificates/verify/:code')
  @Public()
  async verify(@Param('code') code: string) {
    const found = await this.records.verify(code.trim().toUpperCase());
    if (!found) throw new HttpNotFound({ valid: false, message: 'No completed record carries this code' });
    return { valid: true, ...found };
  }
}
