import { Args, Query, Resolver } from '@nestjs/graphql';
import { AuditService } from '@qinglian/audit';
import type { Actor } from '@qinglian/common';
import { Role } from '@qinglian/identity';
import { CurrentActor, Roles } from '../../auth/access.decorators';
import { toConnection } from '../../graphql/connection.model';
import { AuditLogArgs } from './dto/audit.args';
import { AuditLogConnection, AuditLogEntryModel } from './models/audit-log-entry.model';

@Resolver(() => AuditLogEntryModel)
export class AuditResolver {
  constructor(private readonly audit: AuditService) {}

  @Query(() => AuditLogConnection, { description: 'Administrative changes in your subtree, newest first.' })
  @Roles(Role.ADMIN)
  async auditLog(@CurrentActor() actor: Actor, @Args() args: AuditLogArgs) {
    return toConnection(await this.audit.list(actor, args, args), AuditLogEntryModel.from);
  }
}
