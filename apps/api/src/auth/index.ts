export { AuthModule } from './auth.module';
export { Auth, CurrentActor } from './auth.decorators';
export { AuthGuard, type AuthRequirement } from './auth.guard';
export { Authenticator, clientInfoOf } from './authenticator';
export type { Authentication } from './authentication';
export { AuthService } from './auth.service';
export { SESSION_COOKIE } from './session-cookie';
