import { createHmac, timingSafeEqual } from "node:crypto";

/** A signed, expiring session token: base64url(payload).base64url(HMAC-SHA256). */
export interface SessionClaims {
  sub: string;
  exp: number; // seconds since the epoch
  /** The account's session epoch when issued; a raised epoch ends the session. */
  v?: number;
}

const sign = (body: string, secret: string) => createHmac("sha256", secret).update(body).digest("base64url");

export function issueToken(claims: SessionClaims, secret: string): string {
  const body = Buffer.from(JSON.stringify(claims)).toString("base64url");
  return `${body}.${sign(body, secret)}`;
}

/** The claims of a valid, unexpired token, or null. */
export function readToken(token: string, secret: string, now: Date): SessionClaims | null {
  const [body, sig] = token.split(".");
  if (!body || !sig) return null;
  const expected = Buffer.from(sign(body, secret));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const claims = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as SessionClaims;
    if (typeof claims.sub !== "string" || typeof claims.exp !== "number") return null;
    return claims.exp * 1000 > now.getTime() ? claims : null;
  } catch {
    return null;
  }
}
