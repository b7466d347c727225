export { DatasetsModule } from './datasets.module';
export { DatasetsService } from './datasets.service';
