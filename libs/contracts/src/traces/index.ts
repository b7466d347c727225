export * from './trace.schemas';
export type { TracesService } from './traces.service';
export { tracesRouter } from './traces.router';
