import { Module } from '@nestjs/common';
import { SuiteService } from './suite.service';

/** The synth suite as a question source (tRPC `suite.*` through SuiteService); no database. */
@Module({
  providers: [SuiteService],
  exports: [SuiteService],
})
export class SuiteModule {}
