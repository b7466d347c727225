export * from './dataset.schemas';
export * from './dataset-browse.schemas';
export * from './dataset-transfer.schemas';
export type { DatasetsService } from './datasets.service';
export { datasetsRouter } from './datasets.router';
