/**
 * Injection token of the one PrismaClient of the process:
 *   constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}
 * A token rather than the class because the client is built by a factory (driver adapter, URL
 * from config), and the generated class is not a Nest provider.
 */
export const PRISMA = Symbol('PRISMA');

/** The running database (URL, embedded or not, stop()): for modules that need the URL itself, e.g. pg-boss. */
export const RUNNING_DATABASE = Symbol('RUNNING_DATABASE');
