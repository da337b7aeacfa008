import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { markOverdueReports } from "../../src/cron/report-clock.js";
import { NotificationEntity } from "../../src/db/entities/notification.js";
import { AuditEventEntity } from "../../src/db/entities/audit-event.js";
import { insertAccount } from "../../src/repositories/accounts.js";
import { createLogger } from "../../src/logger.js";
import type { Deps } from "../../src/services/deps.js";
import { startSystem } from "../../src/system.js";
import { testEngines } from "../helpers/databases.js";
import { areaOf, buildReport, submitAs, uniquePhone, validIdNumber } from "../helpers/factories.js";
import { startTestSystem, type TestSystem } from "../helpers/test-system.js";
import { MADE_UP_2027 } from "../calendar/made-up-2027.js";

const DAY = 86_400_000;

/** Issue 14 item 3: a department sees its own alerts and what is transferred to it, nothing else. */
describe.each(testEngines())("a department in its lane on %s", (engine) => {
  let sys: TestSystem;
  let village: string;
  let county: string;
  const r: Record<string, string> = {};
  let housingRow = "";
  const auth = async (user: string) => `Bearer ${await sys.tokenFor(user)}`;
  const uploadAlerts = async (user: string, rows: string[]) =>
    sys
      .request()
      .post("/api/department-alerts/commit?fileName=alerts.csv")
      .set("authorization", await auth(user))
      .set("content-type", "text/csv")
      .send(Buffer.from(["姓名,身份证号,村,风险类型,备注", ...rows].join("\r\n")));
  async function fileAndTransfer(name: string, transfer?: object): Promise<string> {
    const res = await submitAs(sys, "demo-cadre", buildReport(village, { relation: "cadre", household: { name, phone: uniquePhone(), idNumber: validIdNumber() } }));
    expect(res.status).toBe(201);
    if (transfer) {
      const moved = await sys
        .request()
        .post(`/api/reports/${res.body.id}/transfer`)
        .set("authorization", await auth("demo-cadre"))
        .send(transfer);
      expect(moved.status).toBe(200);
    }
    return res.body.id as string;
  }

  beforeAll(async () => {
    sys = await startTestSystem(engine);
    village = await areaOf(sys, "demo-cadre");
    county = await areaOf(sys, "demo-county");
    // a second department of the same county: 住建
    await insertAccount(sys.deps.db, {
      role: "department",
      username: "demo-housing",
      displayName: "县住建局 钱科员",
      areaCode: county,
      department: "housing",
      householdId: null,
      phoneHash: null,
      phoneSealed: null,
      passwordHash: null,
      wechatOpenid: null,
      createdAt: sys.clock.now(),
    });
    const civil = await uploadAlerts("demo-department", [`周大年,${validIdNumber()},${village},因病,医保预警`]);
    expect(civil.status).toBe(200);
    r.civilAlert = civil.body.rows[0].number;
    housingRow = `吴小满,${validIdNumber()},${village},住房安全,危房`;
    const housing = await uploadAlerts("demo-housing", [housingRow]);
    r.housingAlert = housing.body.rows[0].number;
    r.toCivil = await fileAndTransfer("郑春梅", { to: "department", department: "civil_affairs", reason: "低保" });
    r.toHousing = await fileAndTransfer("冯秋生", { to: "department", department: "housing", reason: "危房改造" });
    r.toTownship = await fileAndTransfer("褚夏至", { to: "township", reason: "村里办不了" });
    r.village = await fileAndTransfer("卫冬青");
    // one alert 民政 filed by hand through the API (no list)
    const own = await submitAs(
      sys,
      "demo-department",
      buildReport(village, { relation: "department", channel: "department", household: { name: "蒋秋菊", phone: uniquePhone(), idNumber: validIdNumber() } }),
    );
    expect(own.status).toBe(201);
    r.filedByCivil = own.body.id;
    // the alerts' report ids, found by the county (which sees the whole county)
    const all = await sys.request().get("/api/queue?pageSize=100").set("authorization", await auth("demo-county"));
    for (const key of ["civilAlert", "housingAlert"]) r[key] = all.body.items.find((i: { number: string }) => i.number === r[key]).id;
  });
  afterAll(() => sys.close());

  type Step = "list" | "detail" | "opinion" | "transfer";
  /** What 民政 (demo-department) gets, written out from the issue rather than read from the rule. */
  const CIVIL: Record<string, Record<Step, number>> = {
    civilAlert: { list: 1, detail: 200, opinion: 403, transfer: 403 },
    toCivil: { list: 1, detail: 200, opinion: 200, transfer: 403 },
    filedByCivil: { list: 1, detail: 200, opinion: 403, transfer: 403 },
    housingAlert: { list: 0, detail: 404, opinion: 404, transfer: 404 },
    toHousing: { list: 0, detail: 404, opinion: 404, transfer: 404 },
    toTownship: { list: 0, detail: 404, opinion: 404, transfer: 404 },
    village: { list: 0, detail: 404, opinion: 404, transfer: 404 },
  };

  async function observe(user: string, key: string) {
    const token = await auth(user);
    const list = await sys.request().get("/api/queue?pageSize=100").set("authorization", token);
    const detail = await sys.request().get(`/api/reports/${r[key]}`).set("authorization", token);
    const transfer = await sys.request().post(`/api/reports/${r[key]}/transfer`).set("authorization", token).send({ to: "township", reason: "试试" });
    const opinion = await sys.request().post(`/api/reports/${r[key]}/opinion`).set("authorization", token).send({ kind: "not_eligible", reason: "已享受低保" });
    return {
      list: list.body.items.filter((i: { id: string }) => i.id === r[key]).length,
      detail: detail.status,
      opinion: opinion.status,
      transfer: transfer.status,
    };
  }

  // fails if: a department reads, answers or moves a report outside its lane (the whole county queue, as before issue 14)
  it.each(Object.keys(CIVIL))("民政 × %s: list, detail, opinion, transfer", async (key) => {
    expect(await observe("demo-department", key)).toEqual(CIVIL[key]);
  });

  // fails if: the lane is a fixed department code rather than the account's own department
  it("住建 sees its own alert and the report transferred to it, not 民政's", async () => {
    const token = await auth("demo-housing");
    const list = await sys.request().get("/api/queue?pageSize=100").set("authorization", token);
    const ids = list.body.items.map((i: { id: string }) => i.id).sort();
    expect(ids).toEqual([r.housingAlert, r.toHousing].sort());
    expect((await sys.request().get(`/api/reports/${r.civilAlert}`).set("authorization", token)).status).toBe(404);
  });

  // fails if: the department works blind (heads' names masked) on what it must visit, or is told it may answer an alert the village holds
  it("the department reads the head's name in full, numbers masked, and the page is told where it may answer", async () => {
    const token = await auth("demo-housing");
    const detail = await sys.request().get(`/api/reports/${r.toHousing}`).set("authorization", token);
    expect(detail.body.household.name).toBe("冯秋生");
    expect(detail.body.household.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect(detail.body.mayGiveOpinion).toBe(true);
    const alert = await sys.request().get(`/api/reports/${r.housingAlert}`).set("authorization", token);
    expect(alert.body.mayGiveOpinion).toBe(false);
  });

  // fails if: the batch results count another department's reports, miss the village's answer, or name a household
  it("结果反馈: each department reads how its own alert list fared, by opinion, without names", async () => {
    const cadre = await auth("demo-cadre");
    await sys.request().post(`/api/reports/${r.civilAlert}/accept`).set("authorization", cadre).send({});
    const answered = await sys
      .request()
      .post(`/api/reports/${r.civilAlert}/opinion`)
      .set("authorization", cadre)
      .send({ kind: "propose_monitoring" });
    expect(answered.status).toBe(200);
    await sys.request().post(`/api/reports/${r.housingAlert}/accept`).set("authorization", cadre).send({});

    const civil = await sys.request().get("/api/department-alerts/batches").set("authorization", await auth("demo-department"));
    expect(civil.status).toBe(200);
    expect(civil.body.items).toHaveLength(1);
    expect(civil.body.items[0]).toMatchObject({ fileName: "alerts.csv", departmentLabel: "民政", reports: 1, accepted: 1, answered: 1 });
    expect(civil.body.items[0].byOpinion).toEqual([expect.objectContaining({ kind: "propose_monitoring", count: 1 })]);
    expect(JSON.stringify(civil.body)).not.toContain("周大年");

    const housing = await sys.request().get("/api/department-alerts/batches").set("authorization", await auth("demo-housing"));
    expect(housing.body.items[0]).toMatchObject({ reports: 1, accepted: 1, answered: 0, byOpinion: [] });
    // a village cadre has no alert lists
    expect((await sys.request().get("/api/department-alerts/batches").set("authorization", cadre)).status).toBe(403);
  });

  // fails if: uploading the same list again makes a second batch (the results would count twice)
  it("the same list uploaded again is the same batch, with nothing new in it", async () => {
    const again = await uploadAlerts("demo-housing", [housingRow]);
    expect(again.body).toMatchObject({ created: 0, alreadyThere: 1 });
    const housing = await sys.request().get("/api/department-alerts/batches").set("authorization", await auth("demo-housing"));
    expect(housing.body.items.map((b: { reports: number }) => b.reports)).toEqual([1]);
  });
});

/** The receiver's new 5-day clock (issue 14 item 3), on a fake clock. */
describe.each(testEngines())("the clock of a transferred report on %s", (engine) => {
  let sys: TestSystem;
  let second: Deps | null = null;
  let village: string;
  let ids: Record<string, string>;
  const auth = async (user: string) => `Bearer ${await sys.tokenFor(user)}`;
  const notices = (reportId: string, kind: string) =>
    sys.deps.db
      .getRepository(NotificationEntity)
      .createQueryBuilder("n")
      .where("n.kind = :kind AND n.payload LIKE :id", { kind, id: `%${reportId}%` })
      .getMany();

  beforeAll(async () => {
    sys = await startTestSystem(engine); // Monday 2 March 2026, 10:00 China time
    // two server instances against one database: on MariaDB for real; SQLite has one writer, so there one instance runs twice
    if (engine === "mysql") second = await startSystem(sys.deps.config, { clock: sys.clock, log: createLogger("silent") });
    village = await areaOf(sys, "demo-cadre");
    const accounts = await sys.deps.db.query("SELECT id, username FROM account WHERE username LIKE 'demo-%'");
    ids = Object.fromEntries(accounts.map((a: { id: string; username: string }) => [a.username, a.id]));
  });
  afterAll(async () => {
    await second?.db.destroy();
    await sys.close();
  });

  let met: string;
  let missed: string;

  // fails if: the transfer keeps the village's deadline (the department would start already late) or its reminders go to the village
  it("a transfer on Thursday 5 March starts a new 5-day clock: due Tuesday 10 March 24:00, reminders to the department", async () => {
    const cadre = await auth("demo-cadre");
    const file = async () => (await submitAs(sys, "demo-cadre", buildReport(village, { relation: "cadre" }))).body;
    const a = await file();
    const b = await file();
    // the village's own clock: received Monday 2 March, due Monday 9 March 24:00 (7 March is a Saturday)
    expect(a.dueAt).toBe("2026-03-09T16:00:00.000Z");
    sys.clock.advance(3 * DAY); // Thursday 5 March, 10:00 China
    for (const id of [a.id, b.id]) {
      const res = await sys.request().post(`/api/reports/${id}/transfer`).set("authorization", cadre).send({ to: "department", department: "civil_affairs", reason: "低保" });
      expect(res.status).toBe(200);
      expect(res.body.dueAt).toBe("2026-03-10T16:00:00.000Z");
      expect(res.body.transferredAt).toBe("2026-03-05T02:00:00.000Z");
    }
    [met, missed] = [a.id, b.id];
    const reminders = await notices(missed, "report_due_in_2_days");
    expect(reminders.filter((n) => n.recipientId === ids["demo-department"])).toHaveLength(1);
    const told = await notices(missed, "report_transferred");
    expect(told.map((n) => n.recipientId)).toEqual([ids["demo-department"]]);
  });

  // fails if: the village's old deadline still escalates a report the department now holds
  it("at the village's old deadline nothing is escalated", async () => {
    sys.clock.set(new Date("2026-03-09T17:00:00Z"));
    await markOverdueReports(sys.deps);
    expect(await notices(missed, "report_overdue")).toHaveLength(0);
  });

  // fails if: an answer given in time on the new clock is still marked overdue
  it("met: the department answers on Tuesday; nothing is escalated", async () => {
    sys.clock.set(new Date("2026-03-10T03:00:00Z"));
    const res = await sys
      .request()
      .post(`/api/reports/${met}/opinion`)
      .set("authorization", await auth("demo-department"))
      .send({ kind: "already_assisted" });
    expect(res.status).toBe(200);
    expect(res.body.overdue).toBe(false);
  });

  // fails if: the county is not told, told twice by two instances, told at midnight, or the township is told instead
  it("missed: at 24:00 the county is told once (two instances sweeping at once), in working hours; the township is not", async () => {
    sys.clock.set(new Date("2026-03-10T16:00:01Z"));
    const other = second ?? sys.deps;
    await Promise.all([markOverdueReports(sys.deps), markOverdueReports(other)]);
    await markOverdueReports(other);
    const overdue = await notices(missed, "report_overdue");
    expect(overdue.map((n) => n.recipientId)).toEqual([ids["demo-county"]]);
    expect(JSON.parse(overdue[0].payload).text).toContain("民政部门");
    // fell due at 00:00 China time: sent at the county's notice hour, 08:30
    expect(overdue[0].nextAttemptAt.toISOString()).toBe("2026-03-11T00:30:00.000Z");
    expect(await notices(met, "report_overdue")).toHaveLength(0);
  });

  // fails if: the county cannot act on a department's missed clock, or sending back keeps the old clock
  it("the county may take it over or send it back; sent back, the village gets a new clock", async () => {
    const county = await auth("demo-county");
    const detail = await sys.request().get(`/api/reports/${missed}`).set("authorization", county);
    expect(detail.body).toMatchObject({ overdue: true, mayTakeOver: true, maySendBack: true, mayGiveOpinion: false });
    expect(detail.body.timeline.map((e: { label: string }) => e.label)).toContain("民政部门超过办理期限，已上报县里督办");
    // fails if: anyone but the county may send a report back (the department that let it run out, the village, the township, a farmer)
    for (const [who, status] of [
      ["demo-department", 403],
      ["demo-cadre", 403],
      ["demo-township", 403],
      // a farmer who has nothing to do with the report is not told it exists
      ["demo-farmer", 404],
    ] as const) {
      const refused = await sys.request().post(`/api/reports/${missed}/send-back`).set("authorization", await auth(who)).send({ reason: "退回" });
      expect(refused.status, who).toBe(status);
      if (status === 403) expect(refused.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect((await sys.request().get(`/api/reports/${missed}`).set("authorization", county)).body).toMatchObject({ status: "transferred", maySendBack: true });
    sys.clock.set(new Date("2026-03-11T02:00:00Z")); // Wednesday 11 March, 10:00
    const back = await sys.request().post(`/api/reports/${missed}/send-back`).set("authorization", county).send({ reason: "部门未按期办理，请村里继续办" });
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ status: "accepted", transferredTo: null, overdue: false, dueAt: "2026-03-16T16:00:00.000Z" });
    expect((await notices(missed, "report_transferred")).map((n) => n.recipientId)).toContain(ids["demo-cadre"]);
    // the department no longer holds it: it is out of its lane again
    expect((await sys.request().get(`/api/reports/${missed}`).set("authorization", await auth("demo-department"))).status).toBe(404);
    // a report nobody let run out cannot be sent back
    expect((await sys.request().post(`/api/reports/${missed}/send-back`).set("authorization", county).send({ reason: "再退" })).status).toBe(409);
  });
});

/** Issue 14 item 3: the township reaches the household on a report it has taken over (audited). */
describe.each(testEngines())("the township's reveal on %s", (engine) => {
  let sys: TestSystem;
  let village: string;
  const auth = async (user: string) => `Bearer ${await sys.tokenFor(user)}`;
  const phones: Record<string, string> = {};
  async function file(key: string): Promise<string> {
    phones[key] = uniquePhone();
    const res = await submitAs(sys, "demo-cadre", buildReport(village, { relation: "cadre", household: { name: "沈立秋", phone: phones[key], idNumber: validIdNumber() } }));
    return res.body.id as string;
  }
  const reveal = async (id: string) =>
    sys
      .request()
      .get(`/api/reports/${id}?reveal=true`)
      .set("authorization", await auth("demo-township"));

  beforeAll(async () => {
    sys = await startTestSystem(engine);
    village = await areaOf(sys, "demo-cadre");
  });
  afterAll(() => sys.close());

  // fails if: the township reads full numbers on a report the village still holds in time
  it("a report the village holds in time: 403, and the page is told not to offer it", async () => {
    const id = await file("held");
    const res = await reveal(id);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("reveal_forbidden");
    const detail = await sys.request().get(`/api/reports/${id}`).set("authorization", await auth("demo-township"));
    expect(detail.body.mayReveal).toBe(false);
    expect(detail.body.household.phone).not.toBe(phones.held);
  });

  // fails if: a township that accepted the report cannot call the household, or the reveal leaves no trace
  it("accepted by the township: the full phone, recorded in the audit log and on the timeline", async () => {
    const id = await file("accepted");
    const township = await auth("demo-township");
    expect((await sys.request().post(`/api/reports/${id}/accept`).set("authorization", township).send({})).status).toBe(200);
    const res = await reveal(id);
    expect(res.status).toBe(200);
    expect(res.body.household.phone).toBe(phones.accepted);
    expect(res.body.household.idNumber).toMatch(/^\d{17}[\dX]$/);
    const audit = await sys.deps.db.getRepository(AuditEventEntity).findBy({ action: "report.revealed", subjectId: id });
    expect(audit).toHaveLength(1);
    // in Chinese on the staff's timeline, not the event's code
    expect(res.body.timeline.find((e: { action: string }) => e.action === "revealed").label).toBe("查看了完整的手机号和身份证号");
  });

  // fails if: a report transferred to the township stays masked for it
  it("transferred to the township: the full phone", async () => {
    const id = await file("transferred");
    await sys
      .request()
      .post(`/api/reports/${id}/transfer`)
      .set("authorization", await auth("demo-cadre"))
      .send({ to: "township", reason: "村里办不了" });
    expect((await reveal(id)).body.household.phone).toBe(phones.transferred);
  });

  // fails if: an overdue report (the township's to take over) stays masked, or one a department holds opens to the township
  it("overdue while the village holds it: the full phone; overdue with a department: 403", async () => {
    const overdue = await file("overdue");
    const withDepartment = await file("department");
    await sys
      .request()
      .post(`/api/reports/${withDepartment}/transfer`)
      .set("authorization", await auth("demo-cadre"))
      .send({ to: "department", department: "housing", reason: "危房" });
    sys.clock.advance(12 * DAY);
    await markOverdueReports(sys.deps);
    expect((await reveal(overdue)).body.household.phone).toBe(phones.overdue);
    expect((await reveal(withDepartment)).status).toBe(403);
  });
});

/** The receiver's clock follows the holiday arrangement like the village's (holiday-calendar.ts revises from the transfer). */
describe.each(testEngines())("a transferred clock when a year's holidays are entered, on %s", (engine) => {
  let sys: TestSystem;
  beforeAll(async () => {
    // Sunday 27 December 2026, 10:00 China: 2027's arrangement is not known yet
    sys = await startTestSystem(engine, { start: "2026-12-27T02:00:00Z" });
  });
  afterAll(() => sys.close());

  // fails if: the revision recomputes from the receipt (the deadline stays 8 February, inside 春节) or its reminders go to the village
  it("transferred on 1 February 2027, due 8 February on weekends only; entered 春节 moves it to 15 February, reminders to the department", async () => {
    const village = await areaOf(sys, "demo-cadre");
    const filed = await submitAs(sys, "demo-cadre", buildReport(village, { relation: "cadre" }));
    sys.clock.set(new Date("2027-02-01T02:00:00Z"));
    const moved = await sys
      .request()
      .post(`/api/reports/${filed.body.id}/transfer`)
      .set("authorization", `Bearer ${await sys.tokenFor("demo-cadre")}`)
      .send({ to: "department", department: "civil_affairs", reason: "低保" });
    expect(moved.body).toMatchObject({ dueAt: "2027-02-08T16:00:00.000Z", deadlineBasis: "weekends_only" });
    const entered = await sys
      .request()
      .put("/api/calendar/holidays/2027")
      .set("authorization", `Bearer ${await sys.tokenFor("demo-admin")}`)
      .send(MADE_UP_2027);
    expect(entered.status).toBe(200);
    const detail = await sys
      .request()
      .get(`/api/reports/${filed.body.id}`)
      .set("authorization", `Bearer ${await sys.tokenFor("demo-department")}`);
    expect(detail.body).toMatchObject({ dueAt: "2027-02-15T16:00:00.000Z", deadlineBasis: "statutory" });
    const department = (await sys.deps.db.query("SELECT id FROM account WHERE username = 'demo-department'"))[0].id;
    const reminders = await sys.deps.db
      .getRepository(NotificationEntity)
      .createQueryBuilder("n")
      .where("n.kind = :kind AND n.dedupeKey LIKE :key", { kind: "report_due_in_2_days", key: `report:${filed.body.id}:%:2027-02-15` })
      .getMany();
    expect(reminders.map((n) => n.recipientId)).toEqual([department]);
  });
});
