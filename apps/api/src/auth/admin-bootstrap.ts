import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { type AuditEntry, SYSTEM_ACTOR } from '@prmbas/db';
import type { Logger } from 'pino';
import { AppConfig } from '../config/app-config';
import { ROOT_LOGGER } from '../logging/logging.module';
import { AuthRepository } from './auth.repository';
import { hashPassword } from './password-hasher';
import { apiKeyPrefixOf, generatePassword, sha256Hex } from './secret-tokens';

/** The first admin's email when ADMIN_EMAIL is unset. */
export const DEFAULT_ADMIN_EMAIL = 'admin@localhost';

/**
 * Before the API serves: makes sure a platform has an admin, and the BOOTSTRAP_API_KEY.
 * - ADMIN_EMAIL set and no such user: it is created as admin with ADMIN_PASSWORD.
 * - ADMIN_EMAIL unset and no admin at all: admin@localhost is created.
 * - Without ADMIN_PASSWORD the password is generated and printed once to stdout (never logged).
 * - An existing user is never changed: env sets the first admin, the console manages it after.
 * - BOOTSTRAP_API_KEY, when set and not stored yet, becomes an all-scopes key of that admin (or of
 *   the oldest admin); a key stored earlier is left alone, so a revoked one stays revoked.
 * All of it in one transaction under a lock: API processes starting together do it once.
 */
@Injectable()
export class AdminBootstrap implements OnApplicationBootstrap {
  private readonly log: Logger;

  constructor(
    private readonly repository: AuthRepository,
    private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.log = logger.child({ component: 'auth' });
  }

  async onApplicationBootstrap(): Promise<void> {
    const email = (this.config.admin.email ?? DEFAULT_ADMIN_EMAIL).toLowerCase();
    const generated = this.config.admin.password === undefined ? generatePassword() : undefined;
    const password = this.config.admin.password ?? generated!;
    const bootstrapKey = this.config.bootstrapApiKey;

    const outcome = await this.repository.withBootstrapLock({ actor: SYSTEM_ACTOR }, async (tx) => {
      const audit: AuditEntry[] = [];
      let admin = await tx.findUserByEmail(email);
      let created = false;
      if (!admin && (this.config.admin.email !== undefined || !(await tx.oldestActiveAdmin()))) {
        // Hashed only when needed (first start): scrypt is deliberately slow.
        admin = await tx.createUser({ email, name: 'Administrator', role: 'admin', passwordHash: await hashPassword(password) });
        audit.push({ action: 'user.create', entityType: 'user', entityId: admin.id, after: { ...admin, via: 'bootstrap' } });
        created = true;
      }
      let key: 'created' | 'present' | 'revoked' | 'no-admin' | undefined;
      if (bootstrapKey) {
        const owner = admin?.role === 'admin' && !admin.disabledAt ? admin : await tx.oldestActiveAdmin();
        const existing = await tx.findApiKeyByHash(sha256Hex(bootstrapKey));
        if (existing) key = existing.revokedAt ? 'revoked' : 'present';
        else if (!owner) key = 'no-admin';
        else {
          const row = await tx.createApiKey({
            name: 'bootstrap (BOOTSTRAP_API_KEY)',
            prefix: apiKeyPrefixOf(bootstrapKey),
            keyHash: sha256Hex(bootstrapKey),
            scopes: ['admin', 'write', 'read', 'inference'],
            ownerId: owner.id,
            expiresAt: null,
          });
          audit.push({ action: 'api_key.create', entityType: 'api_key', entityId: row.id, after: { ...row, via: 'bootstrap' } });
          key = 'created';
        }
      }
      return { result: { created, key }, audit };
    });

    if (outcome.created) {
      this.log.info({ email, password: generated ? 'generated (printed to stdout once)' : 'from ADMIN_PASSWORD' }, 'created the first admin');
      if (generated) {
        // stdout, not the log: the one place the password appears, for the person starting the platform.
        process.stdout.write(
          `\nprmbas: created the admin account\n  email:    ${email}\n  password: ${generated}\n` +
            '  This password is shown once. Sign in and change it, or set ADMIN_PASSWORD.\n\n',
        );
      }
    }
    if (outcome.key === 'created') this.log.info({ prefix: apiKeyPrefixOf(bootstrapKey!) }, 'stored BOOTSTRAP_API_KEY as an admin API key');
    if (outcome.key === 'revoked') this.log.warn({ prefix: apiKeyPrefixOf(bootstrapKey!) }, 'BOOTSTRAP_API_KEY was revoked earlier and stays revoked');
    if (outcome.key === 'no-admin') this.log.warn('BOOTSTRAP_API_KEY not stored: no active admin to own it');
  }
}
