import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { IS_PUBLIC } from '@qinglian/common';
import { ROLES } from './access.decorators';

const RESOLVER_TYPE_METADATA = 'graphql:resolver_type';

/**
 * Refuses to start when a query or mutation has no access rule, so a missing
 * @Roles is caught at boot, not by the first caller (the guard refuses it too).
 */
@Injectable()
export class AccessRulesCheck implements OnApplicationBootstrap {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onApplicationBootstrap(): void {
    const missing: string[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as object | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const name of this.scanner.getAllMethodNames(prototype)) {
        const method = (prototype as Record<string, unknown>)[name] as (...args: unknown[]) => unknown;
        const kind = this.reflector.get<string>(RESOLVER_TYPE_METADATA, method);
        if (kind !== 'Query' && kind !== 'Mutation' && kind !== 'Subscription') continue;
        const targets = [method, instance.constructor];
        const declared = this.reflector.getAllAndOverride(IS_PUBLIC, targets) || this.reflector.getAllAndOverride(ROLES, targets);
        if (!declared) missing.push(`${instance.constructor.name}.${name}`);
      }
    }
    if (missing.length) {
      throw new Error(`These operations declare no access rule (@Public, @SignedIn or @Roles): ${missing.join(', ')}`);
    }
  }
}
