import { Module } from '@nestjs/common';
import { TraceRecorder } from './trace-recorder';
import { TraceWriter, traceWriterDbProvider } from './trace-writer';
import { TracesController } from './traces.controller';
import { TracesRepository } from './traces.repository';
import { TracesService } from './traces.service';

/**
 * Traces of served requests: reading them (REST + tRPC `traces.*` through TracesService) and
 * writing them (TraceRecorder → TraceWriter, one statement on a pool of its own; used by the
 * serving module). Needs the global DatabaseModule.
 */
@Module({
  controllers: [TracesController],
  providers: [TracesRepository, TracesService, TraceRecorder, TraceWriter, traceWriterDbProvider],
  exports: [TracesService, TraceRecorder],
})
export class TracesModule {}
