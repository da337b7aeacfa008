import { idNumberCheckChar } from "../../src/domain/id-number.js";
import type { TestSystem } from "../helpers/test-system.js";

/** A valid ID number from 17 digits (the check character computed). */
export const validId = (first17: string): string => first17 + idNumberCheckChar(first17);

/** The same ID number with a wrong check character. */
export function badCheckDigit(first17: string): string {
  const right = idNumberCheckChar(first17);
  return first17 + (right === "1" ? "2" : "1");
}

export interface Places {
  villageA: { code: string; name: string };
  villageB: { code: string; name: string };
  township: { code: string; name: string };
  county: { code: string; name: string };
}

/** The demo places, read back through the API. */
export async function demoPlaces(sys: TestSystem): Promise<Places> {
  const area = async (user: string) =>
    (
      await sys
        .request()
        .get("/api/me")
        .set("authorization", `Bearer ${await sys.tokenFor(user)}`)
    ).body.area as { code: string; name: string };
  return {
    villageA: await area("demo-cadre"),
    villageB: await area("demo-cadre-other"),
    township: await area("demo-township"),
    county: await area("demo-county"),
  };
}

let phoneSeq = 0;
/** A report filed in person by a village's cadre; each gets its own household (own phone). */
export async function fileReport(
  sys: TestSystem,
  cadre: string,
  villageCode: string,
  riskTypes: string[] = ["illness"],
): Promise<{ id: string; number: string }> {
  const phone = `1380000${String(++phoneSeq).padStart(4, "0")}`;
  const res = await sys
    .request()
    .post("/api/reports")
    .set("authorization", `Bearer ${await sys.tokenFor(cadre)}`)
    .send({
      villageCode,
      riskTypes,
      description: "",
      household: { name: `王${phoneSeq}号`, phone },
      relation: "cadre",
      channel: "in_person",
      consent: { given: true, textVersion: "v1" },
    });
  if (res.status !== 201) throw new Error(`report failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function move(sys: TestSystem, user: string, id: string, action: string, body: object = {}) {
  const res = await sys
    .request()
    .post(`/api/reports/${id}/${action}`)
    .set("authorization", `Bearer ${await sys.tokenFor(user)}`)
    .send(body);
  if (res.status !== 200) throw new Error(`${action} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
