import { OrgFixture, seedOrganisation, startTestApi, TestApi } from '@qinglian/testing';

const LOGIN = `mutation($input: LoginInput!) {
  login(input: $input) { accessToken accessTokenExpiresAt refreshToken user { id name roles mustChangePassword } }
}`;
const REFRESH = 'mutation($input: RefreshTokenInput!) { refreshToken(input: $input) { accessToken refreshToken user { name } } }';

describe('sign-in (login, refresh, throttling)', () => {
  let api: TestApi;
  let org: OrgFixture;

  beforeAll(async () => {
    api = await startTestApi('auth', { LOGIN_MAX_FAILURES_PER_ACCOUNT: '3', LOGIN_MAX_FAILURES_PER_IP: '12' });
    org = await seedOrganisation(api.app);
  });
  afterAll(() => api?.close());

  const login = (login: string, password: string, headers: Record<string, string> = {}) =>
    api.gql(LOGIN, { input: { login, password } }, undefined, headers);

  it('signs in with a phone number (any spelling) and the token works for me', async () => {
    const res = await login('+86 138-0000-0004', org.password);
    expect(res.errors).toBeUndefined();
    expect(res.data!.login.user).toMatchObject({ name: '李干部', roles: ['CADRE'], mustChangePassword: true });
    expect(new Date(res.data!.login.accessTokenExpiresAt).getTime()).toBeGreaterThan(Date.now());
    const me = await api.gql('{ me { id name } }', {}, res.data!.login.accessToken);
    expect(me.data!.me).toEqual({ id: org.cadre.id, name: '李干部' });
  });

  it('signs in with an e-mail address, whatever its case', async () => {
    const admin = await api.login('13800000001', org.password);
    await api.gql('mutation($id: ID!, $input: UpdateUserInput!) { updateUser(id: $id, input: $input) { email } }', { id: org.otherCadre.id, input: { email: 'Zhang.Gan@Example.gov.cn' } }, admin);
    const res = await login('ZHANG.GAN@example.GOV.cn', org.password);
    expect(res.data?.login.user.name).toBe('张干部');
  });

  it('answers a wrong password and an unknown login the same way', async () => {
    const wrong = await login('13800000003', 'not-the-password1');
    const unknown = await login('13999999999', 'not-the-password1');
    for (const res of [wrong, unknown]) {
      expect(res.data).toBeNull();
      expect(res.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
      expect(res.errors![0].message).toBe('Wrong login or password');
    }
  });

  it('locks an account after repeated failures, even for the right password, and leaves other accounts alone', async () => {
    for (let i = 0; i < 3; i++) {
      expect((await login('13800000005', `wrong-password-${i}`)).errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    }
    const locked = await login('13800000005', org.password);
    expect(locked.errors![0].extensions).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    expect(locked.errors![0].extensions!.retryAfterSeconds).toBeGreaterThan(0);
    expect(locked.errors![0].message).toMatch(/Too many failed sign-ins from this account/);
    expect((await login('13800000002', org.password)).data?.login.user.name).toBe('纪委管理员');
  });

  it('locks a client address that fails across many accounts (Redis-backed, per IP)', async () => {
    const other = { 'x-forwarded-for': '10.1.2.3' }; // the test client is on loopback, a trusted proxy
    for (let i = 0; i < 12; i++) await login(`1380000${String(1000 + i)}`, 'wrong-password-1', other);
    const res = await login('13800000003', org.password, other);
    expect(res.errors![0].extensions!.code).toBe('TOO_MANY_REQUESTS');
    expect(res.errors![0].message).toMatch(/network address/);
    // another address is not affected
    expect((await login('13800000003', org.password, { 'x-forwarded-for': '10.9.9.9' })).data?.login.user.name).toBe('王培训');
  });

  it('rotates refresh tokens and ends the session when a used token comes back', async () => {
    const first = (await login('13800000003', org.password, { 'x-forwarded-for': '10.7.7.7' })).data!.login;
    const second = await api.gql(REFRESH, { input: { refreshToken: first.refreshToken } });
    expect(second.data!.refreshToken.user.name).toBe('王培训');
    expect(second.data!.refreshToken.refreshToken).not.toBe(first.refreshToken);

    const replay = await api.gql(REFRESH, { input: { refreshToken: first.refreshToken } });
    expect(replay.errors![0]).toMatchObject({ message: 'This refresh token was already used; sign in again', extensions: { code: 'UNAUTHENTICATED' } });
    // the whole family is revoked, including the token issued by the legitimate refresh
    const afterTheft = await api.gql(REFRESH, { input: { refreshToken: second.data!.refreshToken.refreshToken } });
    expect(afterTheft.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
  });

  it('logout ends the session', async () => {
    const tokens = (await login('13800000003', org.password, { 'x-forwarded-for': '10.7.7.8' })).data!.login;
    expect((await api.gql('mutation($input: RefreshTokenInput!) { logout(input: $input) }', { input: { refreshToken: tokens.refreshToken } })).data).toEqual({ logout: true });
    expect((await api.gql(REFRESH, { input: { refreshToken: tokens.refreshToken } })).errors![0].extensions!.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a forged or malformed access token', async () => {
    const token = await api.login('13800000004', org.password);
    const [header, payload] = token.split('.');
    const forged = `${header}.${payload}.${Buffer.from('not-the-signature').toString('base64url')}`;
    expect((await api.gql('{ me { id } }', {}, forged)).errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    expect((await api.gql('{ me { id } }', {}, 'garbage')).errors![0].extensions!.code).toBe('UNAUTHENTICATED');
  });

  it('a deactivated user can no longer sign in, and their current token stops working', async () => {
    const admin = await api.login('13800000001', org.password);
    const cadreToken = await api.login('13800000004', org.password);
    const res = await api.gql('mutation($id: ID!) { setUserActive(id: $id, active: false) { active } }', { id: org.cadre.id }, admin);
    expect(res.data).toEqual({ setUserActive: { active: false } });
    expect((await api.gql('{ me { id } }', {}, cadreToken)).errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    expect((await login('13800000004', org.password)).errors![0].message).toMatch(/deactivated/);
    await api.gql('mutation($id: ID!) { setUserActive(id: $id, active: true) { active } }', { id: org.cadre.id }, admin);
  });

  it('changes the own password: the old one stops working, a weak one is refused with the field named', async () => {
    const token = await api.login('13800000004', org.password);
    const change = 'mutation($input: ChangePasswordInput!) { changePassword(input: $input) }';
    const weak = await api.gql(change, { input: { currentPassword: org.password, newPassword: 'onlyletters' } }, token);
    expect(weak.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'newPassword' }] } });
    const wrongCurrent = await api.gql(change, { input: { currentPassword: 'nope-nope-1', newPassword: 'NewPassw0rd' } }, token);
    expect(wrongCurrent.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'currentPassword' }] });
    expect((await api.gql(change, { input: { currentPassword: org.password, newPassword: 'NewPassw0rd' } }, token)).data).toEqual({ changePassword: true });
    expect((await login('13800000004', org.password)).errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    const fresh = await login('13800000004', 'NewPassw0rd');
    expect(fresh.data!.login.user.mustChangePassword).toBe(false);
  });
});
