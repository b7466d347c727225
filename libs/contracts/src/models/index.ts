export * from './model-version.schemas';
export * from './model-alias.schemas';
export type { ModelsService } from './models.service';
export { modelsRouter } from './models.router';
