import { createHash, createHmac, hkdfSync, randomBytes } from "node:crypto";
import type { IssuedToken, UserTokenIssuer } from "../domain/evotor/evotor-accounts.js";

/**
 * Tokens this service issues to Evotor (answered on user/create and user/verify, then sent back by Evotor
 * as `Authorization: Bearer` on that user's notifications).
 *
 * A token is HMAC-SHA256(key, userId + random 32-byte nonce): 256 bits no one can predict without the key.
 * Only its SHA-256 and the nonce are stored, never the token; keeping the nonce lets a retried create or
 * verify answer the very same token (Evotor may have lost the first answer), which a purely random token
 * stored as a hash could not do.
 */
export class HmacUserTokens implements UserTokenIssuer {
  private readonly key: Buffer;

  constructor(masterKey: Buffer) {
    this.key = Buffer.from(hkdfSync("sha256", masterKey, Buffer.alloc(0), "evotor-user-token", 32));
  }

  issue(userId: string): IssuedToken {
    const nonce = randomBytes(32).toString("base64url");
    const token = this.derive(userId, nonce);
    return { token, nonce, hash: this.hash(token) };
  }

  derive(userId: string, nonce: string): string {
    return createHmac("sha256", this.key).update(`${userId}\n${nonce}`).digest("base64url");
  }

  hash(token: string): string {
    return createHash("sha256").update(token, "utf8").digest("hex");
  }
}
