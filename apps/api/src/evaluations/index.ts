export { EvaluationsModule } from './evaluations.module';
export { EvaluationsService } from './evaluations.service';
