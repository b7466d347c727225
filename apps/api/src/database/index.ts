export { DatabaseModule } from './database.module';
export { PRISMA, RUNNING_DATABASE } from './prisma.token';
export { uuidV7 } from './uuid-v7';
