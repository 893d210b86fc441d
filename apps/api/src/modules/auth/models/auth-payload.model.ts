import { Field, ObjectType } from '@nestjs/graphql';
import { UserModel } from '../../users/models/user.model';

@ObjectType('AuthPayload')
export class AuthPayloadModel {
  @Field({ description: 'Send as "Authorization: Bearer <accessToken>". Short-lived.' })
  accessToken: string;

  @Field(() => Date)
  accessTokenExpiresAt: Date;

  @Field({ description: 'Exchange with refreshToken() for a new pair before the access token expires. Single use.' })
  refreshToken: string;

  @Field(() => Date)
  refreshTokenExpiresAt: Date;

  @Field(() => UserModel)
  user: UserModel;
}
