export { SuiteModule } from './suite.module';
export { SuiteService } from './suite.service';
