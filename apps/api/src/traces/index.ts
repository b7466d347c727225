export { TracesModule } from './traces.module';
export { TracesService } from './traces.service';
export { TraceRecorder, type ServedTrace } from './trace-recorder';
