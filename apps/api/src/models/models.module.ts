import { Module } from '@nestjs/common';
import { ModelArtifactController } from './model-artifact.controller';
import { ModelsRepository } from './models.repository';
import { ModelsService } from './models.service';

/** The model registry: versions, aliases (tRPC `models.*`) and artifact downloads (REST). */
@Module({
  controllers: [ModelArtifactController],
  providers: [ModelsRepository, ModelsService],
  exports: [ModelsService],
})
export class ModelsModule {}
