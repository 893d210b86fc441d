import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@qinglian/audit';
import { AppConfig } from '@qinglian/config';
import { RefreshTokenEntity } from './entities/refresh-token.entity';
import { UnitEntity } from './entities/unit.entity';
import { UserEntity } from './entities/user.entity';
import { AuthService } from './services/auth.service';
import { CadreImportService } from './services/cadre-import.service';
import { LoginThrottleService } from './services/login-throttle.service';
import { PasswordService } from './services/password.service';
import { UnitsService } from './services/units.service';
import { UsersService } from './services/users.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([UnitEntity, UserEntity, RefreshTokenEntity]),
    AuditModule,
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ secret: config.get('JWT_SECRET'), signOptions: { algorithm: 'HS256', issuer: 'qinglian' }, verifyOptions: { issuer: 'qinglian' } }),
    }),
  ],
  providers: [UnitsService, UsersService, AuthService, PasswordService, LoginThrottleService, CadreImportService],
  exports: [UnitsService, UsersService, AuthService, PasswordService, CadreImportService, AuditModule],
})
export class IdentityModule {}
