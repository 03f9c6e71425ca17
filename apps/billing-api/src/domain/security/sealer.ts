/** Seals a secret for storage at rest and opens it again (implemented by security/secret-box.ts). */
export interface Sealer {
  seal(plaintext: string): string;
  open(sealed: string): string;
}
