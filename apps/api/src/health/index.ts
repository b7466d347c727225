export { HealthModule } from './health.module';
export {
  ReadinessRegistry,
  type ReadinessCheck,
  type ReadinessCheckOptions,
  type ReadinessReport,
  type ReadinessResult,
} from './readiness.registry';
