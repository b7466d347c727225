import { Global, Module } from '@nestjs/common';
import { AdminBootstrap } from './admin-bootstrap';
import { ApiKeysService } from './api-keys.service';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthRepository } from './auth.repository';
import { AuthService } from './auth.service';
import { Authenticator } from './authenticator';
import { SessionsService } from './sessions.service';
import { UsersService } from './users.service';

/**
 * Users, sessions, API keys, the REST guard and the first admin. Global so that any domain
 * module's controller can use `@Auth()` (its guard needs the Authenticator) without importing it.
 */
@Global()
@Module({
  controllers: [AuthController],
  providers: [AuthRepository, SessionsService, UsersService, ApiKeysService, Authenticator, AuthService, AuthGuard, AdminBootstrap],
  exports: [Authenticator, AuthService, AuthGuard],
})
export class AuthModule {}
