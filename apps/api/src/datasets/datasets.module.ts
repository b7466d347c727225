import { Module } from '@nestjs/common';
import { JobsModule } from '../jobs/jobs.module';
import { DatasetContentRepository } from './dataset-content.repository';
import { DatasetExportService } from './dataset-export.service';
import { DatasetImportService } from './dataset-import.service';
import { DatasetUploadInterceptor } from './dataset-upload.interceptor';
import { DatasetWriterRepository } from './dataset-writer.repository';
import { DatasetsController } from './datasets.controller';
import { DatasetsRepository } from './datasets.repository';
import { DatasetsService } from './datasets.service';

/**
 * Datasets: versions built by `dataset.build` jobs (JobsModule's pg-boss) or imported, browsed,
 * frozen and exported. Exports the service (tRPC) and what annotations need to write a version of
 * human labels and show dataset steps.
 */
@Module({
  imports: [JobsModule],
  controllers: [DatasetsController],
  providers: [DatasetsRepository, DatasetContentRepository, DatasetWriterRepository, DatasetsService, DatasetImportService, DatasetExportService, DatasetUploadInterceptor],
  exports: [DatasetsService, DatasetsRepository, DatasetWriterRepository],
})
export class DatasetsModule {}
