import { idNumberCheckChar } from "../../src/domain/id-number.js";
import type { ReportCreateInput } from "../../src/contracts/reports.js";
import type { TestSystem } from "./test-system.js";

let serial = 0;

/** A valid 18-digit ID number, different on each call unless a seed is given. */
export function validIdNumber(seed = ++serial): string {
  const first17 = `231226198001${String((seed % 28) + 1).padStart(2, "0")}${String(100 + (seed % 900)).padStart(3, "0")}`;
  return first17 + idNumberCheckChar(first17);
}

/** A distinct mainland mobile number per call. */
export const uniquePhone = (): string => `137${String(10_000_000 + ++serial * 7919).slice(-8)}`;

/** A report body that passes validation; override what the test is about. */
export function buildReport(villageCode: string, overrides: Partial<ReportCreateInput> = {}): ReportCreateInput {
  return {
    villageCode,
    riskTypes: ["illness"],
    description: "老伴住院，花了不少钱",
    household: { name: "李桂兰", phone: uniquePhone(), idNumber: validIdNumber() },
    relation: "self",
    channel: "in_person",
    consent: { given: true, textVersion: "2024-1" },
    ...overrides,
  };
}

/** The village code of a demo account's area (demo-cadre → their village). */
export async function areaOf(sys: TestSystem, username: string): Promise<string> {
  const token = await sys.tokenFor(username);
  const me = await sys.request().get("/api/me").set("authorization", `Bearer ${token}`);
  return (me.body.area?.code ?? me.body.village?.code) as string;
}

/** Submits a report as a demo account; returns the response. */
export async function submitAs(sys: TestSystem, username: string, body: ReportCreateInput, idempotencyKey?: string) {
  const req = sys
    .request()
    .post("/api/reports")
    .set("authorization", `Bearer ${await sys.tokenFor(username)}`);
  if (idempotencyKey) req.set("idempotency-key", idempotencyKey);
  return req.send(body);
}
