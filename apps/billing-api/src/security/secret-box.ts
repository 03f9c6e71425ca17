import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import type { Sealer } from "../domain/security/sealer.js";

/**
 * Authenticated encryption at rest (AES-256-GCM) for secrets this service must be able to read back, such
 * as the Evotor Cloud token and a GitHub buyer's OAuth token. Each purpose gets its own key (HKDF from
 * DATA_ENCRYPTION_KEY). Sealed values are `v1.<iv>.<tag>.<ciphertext>` in base64url; the purpose is
 * bound as additional data so a value sealed for one purpose cannot be opened as another.
 */
export class SecretBox implements Sealer {
  private readonly key: Buffer;

  constructor(
    masterKey: Buffer,
    private readonly purpose: string,
  ) {
    if (masterKey.length !== 32) {
      throw new Error("the data encryption key must be 32 bytes");
    }
    this.key = Buffer.from(hkdfSync("sha256", masterKey, Buffer.alloc(0), `secret-box:${purpose}`, 32));
  }

  seal(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.key, iv);
    cipher.setAAD(Buffer.from(this.purpose));
    const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
    const tag = cipher.getAuthTag();
    return ["v1", iv, tag, ciphertext]
      .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
      .join(".");
  }

  open(sealed: string): string {
    const [version, iv, tag, ciphertext] = sealed.split(".");
    if (version !== "v1" || iv === undefined || tag === undefined || ciphertext === undefined) {
      throw new Error("not a sealed value");
    }
    const decipher = createDecipheriv("aes-256-gcm", this.key, Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(this.purpose));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString(
      "utf8",
    );
  }
}

/** A key derived for signing (HMAC) from the data key, separate from every encryption key. */
export function deriveSigningKey(masterKey: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync("sha256", masterKey, Buffer.alloc(0), `signing:${purpose}`, 32));
}

/** Decodes DATA_ENCRYPTION_KEY (base64 or base64url of exactly 32 bytes); null when it is not one. */
export function decodeDataKey(value: string): Buffer | null {
  const text = value.trim();
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) {
    return null;
  }
  const bytes = Buffer.from(text.replaceAll("-", "+").replaceAll("_", "/"), "base64");
  return bytes.length === 32 ? bytes : null;
}
