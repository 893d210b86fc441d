import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Actor } from '@qinglian/common';
import { Role } from '@qinglian/identity';

export { Public } from '@qinglian/common';

export const ROLES = 'qinglian:roles';

/** The operation may be called by signed-in users holding at least one of these roles. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

/** Any signed-in user, whatever their role. */
export const SignedIn = () => Roles(Role.ADMIN, Role.TRAINER, Role.CADRE);

export interface RequestWithActor {
  actor?: Actor;
  id?: string;
  ip?: string;
  headers: Record<string, string | string[] | undefined>;
}

export function requestOf(context: ExecutionContext): RequestWithActor {
  if (context.getType<string>() === 'graphql') {
    return GqlExecutionContext.create(context).getContext<{ req: RequestWithActor }>().req;
  }
  return context.switchToHttp().getRequest<RequestWithActor>();
}

/** The authenticated caller, resolved by the AccessGuard. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const actor = requestOf(context).actor;
  if (!actor) throw new Error('CurrentActor used on an operation without a role rule');
  return actor;
});

/** The caller's address as Express saw it (honours X-Forwarded-For only when trust proxy is set). */
export const ClientIp = createParamDecorator((_: unknown, context: ExecutionContext): string => requestOf(context).ip ?? 'unknown');
