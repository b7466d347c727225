export { TrpcModule } from './trpc.module';
export { APP_SERVICES } from './app-services';
