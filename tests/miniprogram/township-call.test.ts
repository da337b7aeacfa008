// @vitest-environment jsdom
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../src/seed/demo.js";
import { buildReport, submitAs, uniquePhone } from "../helpers/factories.js";
import { demoVillage, navigatedTo } from "./flows.js";
import { startPhone, type Phone } from "./harness.js";

/** Issue 14 item 3: the township's 打电话 on the report page, through the same audited reveal as the village's. */
describe("the township calls a household from the mini-program", () => {
  let phone: Phone;
  let village: Awaited<ReturnType<typeof demoVillage>>;

  beforeAll(async () => {
    phone = await startPhone();
    village = await demoVillage(phone);
    phone.loginCode = "township-li";
    const login = await phone.open("/pages/staff-login/staff-login");
    await phone.type(login, "#phone", "13900000002");
    await phone.type(login, "#password", DEMO_PASSWORD);
    await phone.tap(login, "#sign-in");
    await navigatedTo(phone, "/pages/township-overdue/township-overdue");
  });
  afterAll(() => phone.close());

  async function fileReport(mobile: string): Promise<string> {
    const res = await submitAs(phone.system, "demo-cadre", buildReport(village.code, { relation: "cadre", household: { name: "沈立秋", phone: mobile } }));
    expect(res.status).toBe(201);
    return res.body.id as string;
  }

  // fails if: the township's 打电话 fails on a report it took over ("只有本村的村干部和网格员可以查看完整号码", as before issue 14)
  it("on a report the township accepted, 打电话 dials the full number", async () => {
    const mobile = uniquePhone();
    const id = await fileReport(mobile);
    const detail = await phone.open(`/pages/report-detail/report-detail?reportId=${id}`);
    await phone.waitFor(() => detail.querySelector("#accept"), "the accept button");
    await phone.tap(detail, "#accept");
    await phone.waitFor(() => detail.querySelector("#visit-form"), "the visit form after accepting");
    expect(phone.text(detail, "#household-phone")).toBe(`电话：${mobile.slice(0, 3)}****${mobile.slice(-4)}`);
    await phone.tap(detail, "#call");
    await phone.waitFor(() => phone.phoneCalls.length, "the phone call");
    expect(phone.phoneCalls).toEqual([mobile]);
    const reveal = phone.requests.find((r) => r.path === `/api/reports/${id}?reveal=true`);
    expect(reveal?.status).toBe(200);
  });

  // fails if: the township is offered a 打电话 that can only fail, on a report the village still holds in time
  it("on a report the village holds in time, there is no 打电话 (the server says the township may not reveal)", async () => {
    const id = await fileReport(uniquePhone());
    const detail = await phone.open(`/pages/report-detail/report-detail?reportId=${id}`);
    await phone.waitFor(() => detail.querySelector("#household-phone"), "the report's household card");
    expect(detail.querySelector("#call")).toBeFalsy();
    // and asking anyway is refused with the reason (the same endpoint the button uses)
    const res = await phone.system
      .request()
      .get(`/api/reports/${id}?reveal=true`)
      .set("authorization", `Bearer ${await phone.system.tokenFor("demo-township")}`);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain("已接手这条申报的乡镇");
  });
});
