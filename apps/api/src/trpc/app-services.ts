import type { Provider } from '@nestjs/common';
import type { AppServices } from '@prmbas/contracts';
import { AuthService } from '../auth/auth.service';
import { JobsService } from '../jobs/jobs.service';

/** Injection token of the services the tRPC routers call (contracts' `AppServices`). */
export const APP_SERVICES = Symbol('APP_SERVICES');

/**
 * The one place the Nest services are handed to the routers. A domain that gets procedures adds
 * its service interface to `AppServices` in contracts, then its Nest service here (inject + key);
 * the type makes a missing one a compile error.
 */
export const appServicesProvider: Provider = {
  provide: APP_SERVICES,
  inject: [AuthService, JobsService],
  useFactory: (auth: AuthService, jobs: JobsService): AppServices => ({ auth, jobs }),
};
