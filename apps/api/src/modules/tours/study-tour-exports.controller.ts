import { Controller, Get, Header, Param, ParseUUIDPipe, Res } from '@nestjs/common';
import type { Actor } from '@qinglian/common';
import { Role } from '@qinglian/identity';
import { StudyToursService } from '@qinglian/tours';
import type { Response } from 'express';
import { CurrentActor, Roles } from '../../auth/access.decorators';

/** File downloads for organisers; the same bearer token and access rules as GraphQL. */
@Controller('exports/study-tours')
export class StudyTourExportsController {
  constructor(private readonly tours: StudyToursService) {}

  @Get(':id/attendees.csv')
  @Roles(Role.ADMIN, Role.TRAINER)
  @Header('Cache-Control', 'no-store')
  async attendees(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Res() res: Response): Promise<void> {
    const file = await this.tours.attendeesCsv(actor, id);
    res
      .status(200)
      .type('text/csv; charset=utf-8')
      .setHeader('Content-Disposition', `attachment; filename="attendees.csv"; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
      .send(file.content);
  }
}
