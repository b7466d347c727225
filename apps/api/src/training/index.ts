export { TrainingModule } from './training.module';
export { TrainingService } from './training.service';
