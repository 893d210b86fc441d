import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { Actor, UnauthenticatedException } from '@qinglian/common';
import { AppConfig } from '@qinglian/config';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DataSource, Repository } from 'typeorm';
import { parseLogin } from '../contact';
import { RefreshTokenEntity } from '../entities/refresh-token.entity';
import { UnitEntity } from '../entities/unit.entity';
import { UserEntity } from '../entities/user.entity';
import { LoginThrottleService } from './login-throttle.service';
import { PasswordService } from './password.service';

export interface IssuedTokens {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
  user: UserEntity;
}

interface AccessClaims {
  sub: string;
  typ: 'access';
}

const WRONG_CREDENTIALS = 'Wrong login or password';

@Injectable()
export class AuthService {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(RefreshTokenEntity) private readonly refreshTokens: Repository<RefreshTokenEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly passwords: PasswordService,
    private readonly throttle: LoginThrottleService,
    private readonly config: AppConfig,
  ) {}

  /**
   * Signs in with a phone number or e-mail address. Unknown logins and wrong
   * passwords get the same answer; both count towards the lock-out.
   */
  async login(rawLogin: string, password: string, ip: string): Promise<IssuedTokens> {
    const login = parseLogin(rawLogin);
    const accountKey = login ? `${login.kind}:${login.value}` : `raw:${rawLogin.trim().toLowerCase()}`;
    await this.throttle.assertAllowed(accountKey, ip);

    const user = login
      ? await this.users.findOne({
          where: login.kind === 'phone' ? { phone: login.value } : { email: login.value },
          select: { id: true, passwordHash: true, active: true },
        })
      : null;
    const ok = await this.passwords.verify(user?.passwordHash, password);
    if (!user || !ok) {
      await this.throttle.recordFailure(accountKey, ip);
      throw new UnauthenticatedException(WRONG_CREDENTIALS);
    }
    if (!user.active) throw new UnauthenticatedException('This account has been deactivated; ask your administrator');
    await this.throttle.recordSuccess(accountKey);
    return this.issue(await this.users.findOneByOrFail({ id: user.id }), randomUUID());
  }

  /**
   * Exchanges a refresh token for a new pair. The old token is revoked in the
   * same statement that checks it, so two concurrent uses cannot both succeed;
   * re-use of a revoked token ends every session of that token's family.
   */
  async refresh(token: string): Promise<IssuedTokens> {
    const hash = sha256(token);
    const [rows] = (await this.dataSource.query(
      `UPDATE refresh_tokens SET revoked_at = now()
        WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > now()
        RETURNING user_id, family_id`,
      [hash],
    )) as [{ user_id: string; family_id: string }[], number];
    const claimed = rows[0];
    if (!claimed) {
      const known = await this.refreshTokens.findOneBy({ tokenHash: hash });
      if (known?.revokedAt) {
        await this.refreshTokens.update({ familyId: known.familyId }, { revokedAt: new Date() });
        throw new UnauthenticatedException('This refresh token was already used; sign in again');
      }
      throw new UnauthenticatedException('The refresh token is unknown or expired; sign in again');
    }
    const user = await this.users.findOneBy({ id: claimed.user_id });
    if (!user?.active) throw new UnauthenticatedException('This account has been deactivated; ask your administrator');
    return this.issue(user, claimed.family_id);
  }

  /** Ends the session that owns this refresh token (its whole rotation family). */
  async logout(token: string): Promise<void> {
    const known = await this.refreshTokens.findOneBy({ tokenHash: sha256(token) });
    if (known) await this.refreshTokens.update({ familyId: known.familyId }, { revokedAt: new Date() });
  }

  /** Resolves a bearer token to the calling actor; the user is re-read so deactivation and role changes apply at once. */
  async authenticate(accessToken: string, requestId?: string): Promise<Actor> {
    let claims: AccessClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessClaims>(accessToken, { algorithms: ['HS256'] });
    } catch {
      throw new UnauthenticatedException('The access token is invalid or has expired; refresh it or sign in again');
    }
    if (claims.typ !== 'access' || typeof claims.sub !== 'string') throw new UnauthenticatedException();
    const row = await this.users
      .createQueryBuilder('u')
      .innerJoin(UnitEntity, 'unit', 'unit.id = u.unit_id')
      .select(['u.id AS id', 'u.name AS name', 'u.roles AS roles', 'u.active AS active', 'u.unit_id AS unit_id', 'unit.path AS path', 'unit.depth AS depth'])
      .where('u.id = :id', { id: claims.sub })
      .getRawOne<{ id: string; name: string; roles: string[]; active: boolean; unit_id: string; path: string; depth: number }>();
    if (!row || !row.active) throw new UnauthenticatedException('This account is no longer active');
    return {
      id: row.id,
      name: row.name,
      roles: row.roles,
      unitId: row.unit_id,
      scopePath: row.depth === 0 ? '/' : row.path,
      requestId,
    };
  }

  /** Removes refresh tokens that expired or were revoked more than a day ago. */
  async purgeExpiredRefreshTokens(batchSize = 5000): Promise<number> {
    let total = 0;
    for (;;) {
      const [, deleted] = (await this.dataSource.query(
        `DELETE FROM refresh_tokens WHERE id IN (
           SELECT id FROM refresh_tokens
            WHERE expires_at < now() OR revoked_at < now() - interval '1 day'
            LIMIT $1)`,
        [batchSize],
      )) as [unknown, number];
      total += deleted;
      if (deleted < batchSize) return total;
    }
  }

  private async issue(user: UserEntity, familyId: string): Promise<IssuedTokens> {
    const ttl = this.config.get('JWT_ACCESS_TTL_SECONDS');
    const now = Date.now();
    const accessToken = await this.jwt.signAsync({ sub: user.id, typ: 'access' } satisfies AccessClaims, {
      expiresIn: ttl,
      algorithm: 'HS256',
    });
    const refreshToken = randomBytes(32).toString('base64url');
    const refreshTokenExpiresAt = new Date(now + this.config.get('REFRESH_TOKEN_TTL_DAYS') * 86_400_000);
    await this.refreshTokens.insert({ userId: user.id, familyId, tokenHash: sha256(refreshToken), expiresAt: refreshTokenExpiresAt });
    return { accessToken, accessTokenExpiresAt: new Date(now + ttl * 1000), refreshToken, refreshTokenExpiresAt, user };
  }
}

function sha256(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}
