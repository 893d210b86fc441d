import { Injectable } from '@nestjs/common';
import { BadUserInputException } from '@qinglian/common';
import * as argon2 from 'argon2';

const DUMMY_HASH = '$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHRzb21lc2FsdA$ZWhF3Q8n7QYzA0wS9m3j1b1Jv2Q8mVwO3qO5b8Qm3Gk';

@Injectable()
export class PasswordService {
  hash(plain: string): Promise<string> {
    return argon2.hash(plain, { type: argon2.argon2id });
  }

  /** Verifies against a hash; with no hash it still spends the same time, so unknown logins are not revealed by timing. */
  async verify(hash: string | null | undefined, plain: string): Promise<boolean> {
    try {
      const ok = await argon2.verify(hash ?? DUMMY_HASH, plain);
      return ok && !!hash;
    } catch {
      return false;
    }
  }

  /** Passwords: 8 to 128 characters with at least one letter and one digit. */
  assertAcceptable(plain: string, field = 'password'): void {
    if (plain.length < 8 || plain.length > 128) {
      throw BadUserInputException.field(field, 'must be 8 to 128 characters long');
    }
    if (!/[A-Za-z]/.test(plain) || !/\d/.test(plain)) {
      throw BadUserInputException.field(field, 'must contain at least one letter and one digit');
    }
  }
}
