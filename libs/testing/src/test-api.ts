import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Actor, SYSTEM_ACTOR } from '@qinglian/common';
import { CadreTier, Role, UnitEntity, UnitsService, UserEntity, UsersService } from '@qinglian/identity';
import request from 'supertest';
import { JwtService } from '@nestjs/jwt';
import { AppModule } from '../../../apps/api/src/app.module';
import { configureApp } from '../../../apps/api/src/bootstrap';
import { createRedisNamespace, createTestDatabase, TestDatabase, testEnvironment } from './test-infra';

export interface GraphQLResponse<T = Record<string, any>> {
  data?: T | null;
  errors?: { message: string; path?: string[]; extensions?: Record<string, any> }[];
}

export interface TestApi {
  app: NestExpressApplication;
  db: TestDatabase;
  env: Record<string, string>;
  url: string;
  /** Sends one GraphQL operation over HTTP the way a browser client does. */
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, token?: string, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  /** Like gql, for an operation the test expects to succeed: its data, or a throw listing the errors. */
  ok<T = Record<string, any>>(query: string, variables: Record<string, unknown>, token: string): Promise<T>;
  /** Signs in through the login mutation and returns the access token. */
  login(login: string, password: string): Promise<string>;
  /** An access token for a user, signed with this app's secret (skips argon2 when a test needs hundreds of cadres). */
  tokenFor(userId: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * Boots the real API (AppModule + the production HTTP settings) on a random
 * port against a fresh database and Redis prefix.
 */
export async function startTestApi(label: string, extraEnv: Record<string, string> = {}): Promise<TestApi> {
  const db = await createTestDatabase(label);
  const redis = createRedisNamespace();
  const env = testEnvironment(db, redis.prefix, extraEnv);
  let app: NestExpressApplication;
  try {
    app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot({ envFile: false, overrides: env }), {
      bodyParser: false,
      logger: false,
      abortOnError: false,
    });
    configureApp(app);
    await app.listen(0, '127.0.0.1');
  } catch (error) {
    // leave nothing open, or Jest would wait for the pools forever
    await db.drop().catch(() => undefined);
    throw error;
  }
  const url = await app.getUrl();
  const server = app.getHttpServer();

  const gql: TestApi['gql'] = async (query, variables, token, headers = {}) => {
    let req = request(server).post('/graphql').set('content-type', 'application/json');
    if (token) req = req.set('authorization', `Bearer ${token}`);
    for (const [k, v] of Object.entries(headers)) req = req.set(k, v);
    const res = await req.send({ query, variables });
    return res.body as GraphQLResponse<any>;
  };

  return {
    app,
    db,
    env,
    url,
    gql,
    async ok<T>(query: string, variables: Record<string, unknown>, token: string): Promise<T> {
      const res = await gql<T>(query, variables, token);
      if (res.errors) throw new Error(`${query.trim().split(/\s+/).slice(0, 3).join(' ')}: ${JSON.stringify(res.errors)}`);
      return res.data!;
    },
    async login(login, password) {
      const res = await gql<{ login: { accessToken: string } }>(
        'mutation($input: LoginInput!) { login(input: $input) { accessToken } }',
        { input: { login, password } },
      );
      if (!res.data?.login) throw new Error(`login as ${login} failed: ${JSON.stringify(res.errors)}`);
      return res.data.login.accessToken;
    },
    tokenFor(userId) {
      return app.get(JwtService).signAsync({ sub: userId, typ: 'access' }, { expiresIn: 900, algorithm: 'HS256' });
    },
    async close() {
      await app.close();
      await db.drop();
      await redis.clear();
    },
  };
}

export interface OrgFixture {
  city: UnitEntity;
  bureau: UnitEntity;
  office: UnitEntity;
  township: UnitEntity;
  rootAdmin: UserEntity;
  bureauAdmin: UserEntity;
  trainer: UserEntity;
  cadre: UserEntity;
  otherCadre: UserEntity;
  password: string;
}

/**
 * A small organisation: 青莲市 with a bureau (and an office under it) and a
 * township; a root administrator, a bureau administrator, a bureau trainer,
 * and two cadres in different units. Built through the services, as an
 * administrator would build it.
 */
export async function seedOrganisation(app: NestExpressApplication, password = 'Passw0rd!'): Promise<OrgFixture> {
  const units = app.get(UnitsService);
  const users = app.get(UsersService);
  const sys: Actor = SYSTEM_ACTOR;
  const city = await units.create(sys, { name: '青莲市' });
  const bureau = await units.create(sys, { name: '市纪委监委', parentId: city.id });
  const office = await units.create(sys, { name: '第一监督检查室', parentId: bureau.id });
  const township = await units.create(sys, { name: '清河镇', parentId: city.id });
  const make = (name: string, phone: string, unitId: string, roles: Role[], tier: CadreTier | null = null) =>
    users.create(sys, { name, phone, unitId, roles, tier, initialPassword: password });
  return {
    city,
    bureau,
    office,
    township,
    rootAdmin: await make('市管理员', '13800000001', city.id, [Role.ADMIN]),
    bureauAdmin: await make('纪委管理员', '13800000002', bureau.id, [Role.ADMIN]),
    trainer: await make('王培训', '13800000003', bureau.id, [Role.TRAINER, Role.CADRE], CadreTier.ON_JOB),
    cadre: await make('李干部', '13800000004', office.id, [Role.CADRE], CadreTier.ON_JOB),
    otherCadre: await make('张干部', '13800000005', township.id, [Role.CADRE], CadreTier.RESERVE),
    password,
  };
}
