import { createSign } from "node:crypto";

/**
 * A GitHub App JWT (RS256): `iss` = app id, `iat` 60 s in the past to absorb clock drift, `exp` 9 minutes
 * ahead (GitHub refuses more than 10). Signed with node:crypto: one algorithm does not need a library.
 */
export function signAppJwt(appId: string, privateKeyPem: string, now: Date): string {
  const seconds = Math.floor(now.getTime() / 1000);
  const header = { alg: "RS256", typ: "JWT" };
  const payload = { iat: seconds - 60, exp: seconds + 9 * 60, iss: appId };
  const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString("base64url");
  const signingInput = `${encode(header)}.${encode(payload)}`;
  const signature = createSign("RSA-SHA256").update(signingInput).sign(privateKeyPem).toString("base64url");
  return `${signingInput}.${signature}`;
}
