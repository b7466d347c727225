import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type Actor, type TGetMeResponse, ZCredential, ZUser } from '@prmbas/contracts';
import { z } from 'zod';
import { Auth, CurrentActor } from './auth.decorators';

const ZWhoAmI = z.object({ user: ZUser, credential: ZCredential }).meta({ id: 'WhoAmI' });

/**
 * REST for scripts: check what a key is and whom it acts for. The console uses tRPC (`auth.*`);
 * sign-in and key management live there.
 */
@ApiTags('auth')
@Controller('auth')
export class AuthController {
  @Get('me')
  @Auth()
  @ApiOkResponse({ description: 'The caller: user and credential (an API key shows its prefix and scopes)', standardSchema: ZWhoAmI })
  me(@CurrentActor() actor: Actor): NonNullable<TGetMeResponse> {
    return { user: actor.user, credential: actor.credential };
  }
}
