import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import type { PasswordHasher } from '@tmk/identity-application';

/**
 * argon2id with OWASP's minimum profile (19 MiB, t=2, p=1): ~30–60 ms per hash here, small enough to keep
 * logins fast on 2 cores, large enough to make offline guessing expensive. Hashes carry their parameters,
 * so raising them later re-hashes nothing.
 */
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

@Injectable()
export class Argon2PasswordHasher implements PasswordHasher {
  private dummy: Promise<string> | null = null;

  hash(password: string): Promise<string> {
    return argon2.hash(password, OPTIONS);
  }

  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  }

  async dummyVerify(password: string): Promise<void> {
    this.dummy ??= argon2.hash('not-a-real-password-0', OPTIONS);
    await this.verify(await this.dummy, password);
  }
}
