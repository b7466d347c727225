import { Module } from '@nestjs/common';
import { DatasetsModule } from '../datasets/datasets.module';
import { AnnotationLocksRepository } from './annotation-locks.repository';
import { AnnotationQueuesRepository } from './annotation-queues.repository';
import { AnnotationsController } from './annotations.controller';
import { AnnotationsService } from './annotations.service';

/** Annotation queues of dataset steps or traces, locked items, labels flowing into datasets. */
@Module({
  imports: [DatasetsModule],
  controllers: [AnnotationsController],
  providers: [AnnotationQueuesRepository, AnnotationLocksRepository, AnnotationsService],
  exports: [AnnotationsService],
})
export class AnnotationsModule {}
