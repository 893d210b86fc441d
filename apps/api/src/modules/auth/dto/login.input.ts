import { Field, InputType } from '@nestjs/graphql';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

@InputType()
export class LoginInput {
  @Field({ description: 'Mobile number or e-mail address.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(254)
  login: string;

  @Field()
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  password: string;
}

@InputType()
export class RefreshTokenInput {
  @Field()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  refreshToken: string;
}
