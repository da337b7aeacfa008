import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";

/**
 * ID and phone numbers at rest: AES-256-GCM for the value, and a keyed HMAC for lookups,
 * so the database can find a household by phone without holding the phone in clear.
 */
export class FieldCrypto {
  private readonly key: Buffer;
  private readonly hashKey: Buffer;

  constructor(hexKey: string) {
    this.key = Buffer.from(hexKey, "hex");
    this.hashKey = createHmac("sha256", this.key).update("yijian-lookup-hash").digest();
  }

  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.key, iv);
    const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
    return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
  }

  decrypt(sealed: string): string {
    const [, iv, tag, body] = sealed.split(".");
    const decipher = createDecipheriv("aes-256-gcm", this.key, Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  }

  lookupHash(value: string): string {
    return createHmac("sha256", this.hashKey).update(value).digest("hex");
  }
}
