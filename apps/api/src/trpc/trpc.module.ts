import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { JobsModule } from '../jobs/jobs.module';
import { appServicesProvider } from './app-services';
import { TrpcContextFactory } from './trpc-context.factory';
import { TrpcController } from './trpc.controller';

/** Mounts the tRPC AppRouter at /trpc with a context built from the request and the Nest services. */
@Module({
  imports: [AuthModule, JobsModule],
  controllers: [TrpcController],
  providers: [appServicesProvider, TrpcContextFactory],
})
export class TrpcModule {}
