export * from './suite.schemas';
export type { SuiteService } from './suite.service';
export { suiteRouter } from './suite.router';
