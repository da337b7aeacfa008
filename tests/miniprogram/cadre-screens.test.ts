// @vitest-environment jsdom
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ReportEntity } from "../../src/db/entities/report.js";
import { demoVillage } from "./flows.js";
import { startPhone, type Phone } from "./harness.js";

const DAY = 86_400_000;

describe("the village cadre's screens: queue filters and paging, every step from the detail, 代录", () => {
  let phone: Phone;
  let village: Awaited<ReturnType<typeof demoVillage>>;
  let grid = "";
  let cadre = "";
  const submit = (n: number, token = grid) =>
    phone.system
      .request()
      .post("/api/reports")
      .set("Authorization", `Bearer ${token}`)
      .send({
        villageCode: village.code,
        riskTypes: ["illness"],
        household: { name: `户${n}`, phone: `1370000${String(n).padStart(4, "0")}` },
        relation: token === grid ? "grid_worker" : "cadre",
        channel: "in_person",
        consent: { given: true, textVersion: "paper" },
      });
  const move = (id: string, path: string, body: object) =>
    phone.system.request().post(`/api/reports/${id}/${path}`).set("Authorization", `Bearer ${cadre}`).send(body);

  beforeAll(async () => {
    phone = await startPhone();
    village = await demoVillage(phone);
    grid = await phone.system.tokenFor("demo-grid");
    cadre = await phone.system.tokenFor("demo-cadre");
    phone.storage.set("yijian.token", cadre);
    phone.storage.set("yijian.role", "village_cadre");
  });
  afterAll(() => phone.close());

  it("the queue pages past 50 and keeps answered reports (待办结) until they are closed", async () => {
    const ids: string[] = [];
    for (let n = 0; n < 53; n++) {
      const res = await submit(n);
      expect(res.status).toBe(201);
      ids.push(res.body.id);
    }
    expect((await move(ids[0], "accept", {})).status).toBe(200);
    expect((await move(ids[0], "opinion", { kind: "propose_monitoring" })).status).toBe(200);

    const queue = await phone.open("/pages/queue/queue");
    await phone.waitFor(() => queue.querySelectorAll(".item").length === 50, "the first 50 rows");
    expect(phone.text(queue, "#count")).toBe("共53件");
    // fails if: the queue stops at 50 with no way on
    await phone.tap(queue, "#more");
    await phone.waitFor(() => queue.querySelectorAll(".item").length === 53, "all 53 rows");
    expect(queue.querySelector("#more")).toBeFalsy();
    // still waiting for an answer first; the answered one last, not gone
    const rows = queue.querySelectorAll(".item").map((r) => r.dom.textContent ?? "");
    expect(rows.at(-1)).toContain("已答复");

    await phone.tap(queue, "#filter-answered");
    await phone.waitFor(() => queue.data.loaded && queue.querySelectorAll(".item").length === 1, "the 待办结 filter");
    expect(phone.text(queue, "#count")).toBe("共1件");
    // close it from its detail
    const number = (queue.data.rows as Array<{ number: string }>)[0].number;
    const detail = await phone.open(`/pages/report-detail/report-detail?reportId=${ids[0]}`);
    await phone.waitFor(() => detail.querySelector("#close"), "the 办结 button");
    expect(detail.querySelector("#deadline")).toBeFalsy();
    expect(phone.text(detail, "#opinion")).toContain("拟纳入监测");
    await phone.tap(detail, "#close");
    await phone.waitFor(() => phone.text(detail, "#status") === "已办结", "办结");
    await phone.tap(queue, "#filter-answered");
    await phone.waitFor(() => queue.data.loaded && !queue.querySelector(`#row-${number}`) && queue.querySelector("#empty"), "the closed report gone");
  });

  it("from the detail: visit at a picked day, transfer, comment; refusals shown at the top with the page scrolled there", async () => {
    const a = (await submit(900)).body as { id: string };
    expect((await move(a.id, "accept", {})).status).toBe(200);
    const detail = await phone.open(`/pages/report-detail/report-detail?reportId=${a.id}`);
    await phone.waitFor(() => detail.querySelector("#visit-form"), "the visit form");
    await phone.tap(detail, "#visit");
    expect(phone.text(detail, "#error")).toBe("请写下核查情况");
    // fails if: an error below the fold is not scrolled to
    expect(phone.scrolls.at(-1)).toEqual({ scrollTop: 0, selector: undefined });
    await phone.type(detail, "#visit-note", "到户看了");
    const day = detail.data.today as string;
    await phone.pick(detail, "#visit-time", 0);
    detail.querySelector("#visit-time")!.dispatchEvent("change", { detail: { value: "08:30" } });
    await phone.waitFor(() => detail.data.visitTime === "08:30", "the picked time");
    await phone.tap(detail, "#visit");
    await phone.waitFor(() => phone.text(detail, "#status") === "已上门核查", "the visit");
    expect(phone.requests.find((r) => r.path.endsWith("/visit"))!.status).toBe(200);
    const stored = await phone.system.deps.db.getRepository(ReportEntity).findOneByOrFail({ id: a.id });
    // fails if: the picked time is not what is sent (the visit stamped with "now")
    expect(stored.visitedAt!.toISOString()).toBe(new Date(`${day}T08:30:00+08:00`).toISOString());

    await phone.type(detail, "#comment", "户主白天在外打工，晚上再去一次");
    await phone.tap(detail, "#add-comment");
    await phone.waitFor(() => detail.querySelectorAll(".step").some((s) => (s.dom.textContent ?? "").includes("晚上再去一次")), "the comment on the timeline");

    await phone.pick(detail, "#transfer-target", 0);
    expect(phone.text(detail, "#transfer-target")).toBe("转交乡镇");
    await phone.type(detail, "#transfer-reason", "需要乡镇协调医保");
    await phone.tap(detail, "#transfer");
    await phone.waitFor(() => phone.text(detail, "#status") === "已转交办理", "the transfer");
    expect(detail.querySelector("#transfer-form")).toBeFalsy();
  });

  it("the cadre withdraws, on the household's request, a report the cadre entered; not a household's own", async () => {
    const mineRes = await submit(901, cadre);
    const detail = await phone.open(`/pages/report-detail/report-detail?reportId=${mineRes.body.id}`);
    await phone.waitFor(() => detail.querySelector("#withdraw"), "the withdraw button");
    await phone.tap(detail, "#withdraw");
    await phone.waitFor(() => phone.text(detail, "#status") === "已撤回", "withdrawn");
    const other = await submit(902);
    const otherDetail = await phone.open(`/pages/report-detail/report-detail?reportId=${other.body.id}`);
    await phone.waitFor(() => otherDetail.querySelector("#accept"), "the detail");
    expect(otherDetail.querySelector("#withdraw")).toBeFalsy();
  });

  it("代录: a paper application received 3 days ago counts from that day and shows as 补录; a missing phone is named next to its field", async () => {
    const page = await phone.open("/pages/staff-report/staff-report");
    await phone.waitFor(() => page.querySelector("#type-illness"), "the risk types");
    await phone.tap(page, "#way-paper");
    const threeDaysAgo = new Date(phone.system.clock.now().getTime() - 3 * DAY + 8 * 3600_000).toISOString().slice(0, 10);
    await phone.pick(page, "#received-on", 0);
    page.querySelector("#received-on")!.dispatchEvent("change", { detail: { value: threeDaysAgo } });
    await phone.waitFor(() => phone.text(page, "#received-on-choice") === threeDaysAgo, "the picked day");
    await phone.tap(page, "#type-housing");
    await phone.type(page, "#name", "赵大");
    await phone.tap(page, "#submit");
    // fails if: the error is shown away from its field, or the page does not scroll to it
    expect(phone.text(page, "#error-phone")).toBe("手机号应为11位数字，以1开头");
    expect(phone.scrolls.at(-1)).toEqual({ scrollTop: undefined, selector: "#field-phone" });
    await phone.type(page, "#phone", "13600136000");
    expect(page.querySelector("#error-phone")).toBeFalsy();
    phone.navigations.length = 0;
    await phone.tap(page, "#submit");
    const url = await phone.waitFor(() => phone.navigations.find((u) => u.startsWith("/pages/report-detail/")), "the new report's detail");
    const post = phone.requests.filter((r) => r.method === "POST" && r.path === "/api/reports").at(-1)!;
    expect(post.status).toBe(201);
    const receipt = post.body as { receivedAt: string; dueAt: string };
    expect(receipt.receivedAt).toBe(new Date(`${threeDaysAgo}T00:00:00+08:00`).toISOString());

    const detail = await phone.open(url);
    await phone.waitFor(() => detail.querySelector("#backfill"), "the 补录 line");
    expect(phone.text(detail, "#backfill")).toMatch(/^补录：\d+月\d+日收到的申请，\d+月\d+日 \d\d:\d\d录入$/);
  });

  it("the server refuses a paper date more than 30 days back, and any from a household", async () => {
    const old = new Date(phone.system.clock.now().getTime() - 31 * DAY + 8 * 3600_000).toISOString().slice(0, 10);
    const res = await phone.system
      .request()
      .post("/api/reports")
      .set("Authorization", `Bearer ${cadre}`)
      .send({
        villageCode: village.code,
        riskTypes: ["illness"],
        household: { name: "钱二", phone: "13600136001" },
        relation: "cadre",
        channel: "in_person",
        consent: { given: true, textVersion: "paper" },
        receivedOn: old,
      });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("received_on_too_old");
  });
  it("the queue's deadline words and colours: overdue filled red with its days", async () => {
    phone.advance(6 * DAY);
    // a week on, the sessions have expired: sign in again
    cadre = await phone.system.tokenFor("demo-cadre");
    phone.storage.set("yijian.token", cadre);
    const queue = await phone.open("/pages/queue/queue");
    await phone.tap(queue, "#filter-overdue");
    await phone.waitFor(() => queue.data.loaded && queue.querySelectorAll(".item").length > 0, "overdue rows");
    const badge = queue.querySelectorAll(".item")[0].dom.querySelector("[class*='due-']")!;
    expect(badge.textContent).toMatch(/^已超期\d+天$/);
    expect(badge.className).toContain("due-overdue");
    expect(getComputedStyle(badge).backgroundColor).toBe("rgb(176, 0, 0)");
  });
});
