import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ForbiddenException, IS_PUBLIC, UnauthenticatedException } from '@qinglian/common';
import { AuthService, Role, ROLE_LABELS_ZH } from '@qinglian/identity';
import { requestOf, ROLES } from './access.decorators';

/**
 * Global guard: every query, mutation and route must declare who may call it
 * (@Public, @SignedIn or @Roles). An operation that declares nothing is refused.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (!roles?.length) throw new ForbiddenException('This operation is closed: it declares no access rule');

    const request = requestOf(context);
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw new UnauthenticatedException('Sign in first: send the access token as "Authorization: Bearer <token>"');
    const actor = request.actor ?? (await this.auth.authenticate(match[1], request.id));
    request.actor = actor;
    if (!roles.some((role) => actor.roles.includes(role))) {
      throw new ForbiddenException(`This needs the role ${roles.map((r) => `${r} (${ROLE_LABELS_ZH[r]})`).join(' or ')}`);
    }
    return true;
  }
}
