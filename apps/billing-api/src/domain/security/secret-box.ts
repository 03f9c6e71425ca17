import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

const VERSION = "v1";

/**
 * AES-256-GCM for values kept encrypted at rest (a buyer's GitHub token). Each purpose gets its own key,
 * derived with HKDF from DATA_ENCRYPTION_KEY, and its name is bound as associated data, so a ciphertext
 * copied into another column does not decrypt. Output: `v1.<iv>.<tag>.<ciphertext>` (base64url).
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(
    masterKey: string,
    private readonly purpose: string,
  ) {
    const master = Buffer.from(masterKey, "base64url");
    if (master.length !== 32) {
      throw new Error("the data encryption key must be 32 bytes");
    }
    this.key = Buffer.from(hkdfSync("sha256", master, Buffer.alloc(0), `secret-box:${purpose}`, 32));
  }

  seal(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.key, iv);
    cipher.setAAD(Buffer.from(this.purpose));
    const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
    return [VERSION, iv, cipher.getAuthTag(), ciphertext]
      .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
      .join(".");
  }

  /** Throws when the value was not sealed by this box (other key, other purpose, or tampered). */
  open(sealed: string): string {
    const [version, iv, tag, ciphertext] = sealed.split(".");
    if (version !== VERSION || iv === undefined || tag === undefined || ciphertext === undefined) {
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

/** A key derived for signing (HMAC), separate from every encryption key. */
export function deriveSigningKey(masterKey: string, purpose: string): Buffer {
  return Buffer.from(
    hkdfSync("sha256", Buffer.from(masterKey, "base64url"), Buffer.alloc(0), `signing:${purpose}`, 32),
  );
}
