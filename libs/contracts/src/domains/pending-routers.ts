import { router } from '../trpc/init';

/*
 * The console's other domains, mounted now so `AppRouter` has its final shape and the console can
 * import it; each is filled by its module (schemas, a service interface in AppServices, and the
 * procedures), in a file of its own named for the domain (e.g. `datasets/datasets.router.ts`),
 * replacing its line here. Until then they have no procedures: no placeholder data.
 */
export const datasetsRouter = router({});
export const trainingRouter = router({});
export const modelsRouter = router({});
export const deploymentsRouter = router({});
export const tracesRouter = router({});
export const annotationsRouter = router({});
export const evaluationsRouter = router({});
