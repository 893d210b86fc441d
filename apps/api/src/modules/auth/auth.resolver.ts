import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { AuthService, IssuedTokens } from '@qinglian/identity';
import { ClientIp, Public } from '../../auth/access.decorators';
import { UserModel } from '../users/models/user.model';
import { LoginInput, RefreshTokenInput } from './dto/login.input';
import { AuthPayloadModel } from './models/auth-payload.model';

@Resolver()
export class AuthResolver {
  constructor(private readonly auth: AuthService) {}

  @Mutation(() => AuthPayloadModel, { description: 'Sign in with a mobile number or e-mail address. Repeated failures lock the account and the address for a while.' })
  @Public()
  async login(@Args('input') input: LoginInput, @ClientIp() ip: string): Promise<AuthPayloadModel> {
    return toPayload(await this.auth.login(input.login, input.password, ip));
  }

  @Mutation(() => AuthPayloadModel, { description: 'Exchanges a refresh token for a new access and refresh token.' })
  @Public()
  async refreshToken(@Args('input') input: RefreshTokenInput): Promise<AuthPayloadModel> {
    return toPayload(await this.auth.refresh(input.refreshToken));
  }

  @Mutation(() => Boolean, { description: 'Ends the session that owns this refresh token.' })
  @Public()
  async logout(@Args('input') input: RefreshTokenInput): Promise<boolean> {
    await this.auth.logout(input.refreshToken);
    return true;
  }
}

function toPayload(tokens: IssuedTokens): AuthPayloadModel {
  return { ...tokens, user: UserModel.from(tokens.user) };
}
