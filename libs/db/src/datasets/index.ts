export { PostgresDatasetStore, stepRow } from './postgres-dataset-store';
export type { PostgresDatasetStoreOptions, StoredStep } from './postgres-dataset-store';
export { readDatasetQuestions, readDatasetRecords, streamDatasetRecords } from './dataset-records';
export type { ReadRecordsOptions } from './dataset-records';
export { BLOB_IMAGE_REF_PREFIX, blobImageRef, dataUrl, questionImageRef } from './image-refs';
