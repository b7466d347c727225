export { ServingModule } from './serving.module';
export { ServedSearchService } from './served-search.service';
