export { AnnotationsModule } from './annotations.module';
export { AnnotationsService } from './annotations.service';
