import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeCsv, parseCsv } from "../../src/formats/csv.js";
import { DEMO_PASSWORD } from "../../src/seed/demo.js";
import { testEngines } from "../helpers/databases.js";
import { startTestSystem, type TestSystem } from "../helpers/test-system.js";
import { badCheckDigit, demoPlaces, validId, type Places } from "./console-fixtures.js";

describe("CSV reading", () => {
  it("quoted fields keep their commas, quotes and line breaks; CRLF ends a row", () => {
    expect(parseCsv('a,"b, c","say ""hi""\nsecond line"\r\nx,,z\n')).toEqual([
      ["a", "b, c", 'say "hi"\nsecond line'],
      ["x", "", "z"],
    ]);
  });
  it("a UTF-8 BOM is dropped", () => {
    expect(decodeCsv(new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from("姓名")]))).toBe("姓名");
  });
  it("a file that is not UTF-8 is read as GBK (Excel on Chinese Windows)", () => {
    // 姓名,因病 in GBK
    expect(decodeCsv(new Uint8Array([0xd0, 0xd5, 0xc3, 0xfb, 0x2c, 0xd2, 0xf2, 0xb2, 0xa1]))).toBe("姓名,因病");
  });
});

describe.each(testEngines())("department alerts and staff accounts on %s", (engine) => {
  let sys: TestSystem;
  let places: Places;
  let county: string;
  const auth = async (user: string) => `Bearer ${await sys.tokenFor(user)}`;
  beforeAll(async () => {
    sys = await startTestSystem(engine);
    places = await demoPlaces(sys);
    county = await auth("demo-county");
  });
  afterAll(() => sys.close());

  const shortName = () => places.villageA.name.replace(/村委会$/, "村");
  const csv = () =>
    [
      "姓名,身份证号,村,风险类型,备注",
      `李大山,${validId("23122619700101001")},${places.villageA.code},因病,"医保系统预警：住院自付超过2万元, 需核查"`,
      `刘小花,${validId("23122619820202002")},${shortName()},住房安全、drinking_water,`,
      `陈老三,${badCheckDigit("23122619650303003")},${places.villageB.code},因残,`,
    ].join("\r\n");

  const upload = (path: string, body: string | Buffer, token = county) =>
    sys.request().post(path).set("authorization", token).set("content-type", "text/csv").send(Buffer.from(body));

  it("the preview checks every row and names the bad row's problem in Chinese; nothing is saved", async () => {
    const res = await upload("/api/department-alerts/preview", csv());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 3, ok: 2, bad: 1 });
    const [a, b, c] = res.body.rows;
    expect(a).toMatchObject({ row: 2, ok: true, errors: [], normalized: { village: { code: places.villageA.code }, riskTypes: ["illness"] } });
    expect(a.normalized.note).toContain("需核查");
    expect(a.normalized.idNumber).toMatch(/^231226\*{8}\d{3}[\dX]$/);
    expect(b).toMatchObject({ row: 3, ok: true, normalized: { village: { code: places.villageA.code }, riskTypes: ["housing", "drinking_water"] } });
    expect(c).toMatchObject({ row: 4, ok: false });
    expect(c.errors).toEqual(["身份证号最后一位校验码不对，请逐位核对"]);
    const queue = await sys.request().get("/api/queue").set("authorization", county);
    expect(queue.body.total).toBe(0);
  });

  it("commit files the good rows as department reports in the village queue; the same file again creates nothing", async () => {
    const first = await upload("/api/department-alerts/commit", csv());
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ created: 2, alreadyThere: 0, merged: 0 });
    expect(first.body.skipped.map((r: { row: number }) => r.row)).toEqual([4]);
    const queue = await sys
      .request()
      .get("/api/queue")
      .query({ villageCode: places.villageA.code })
      .set("authorization", await auth("demo-cadre"));
    expect(queue.body.total).toBe(2);
    expect(queue.body.items.every((i: { channel: string }) => i.channel === "department")).toBe(true);
    expect(queue.body.items[0].dueAt).toBe("2026-03-09T16:00:00.000Z");

    const again = await upload("/api/department-alerts/commit", csv());
    expect(again.body).toMatchObject({ created: 0, alreadyThere: 2, merged: 0 });
    expect(again.body.message).toContain("新建0条");
    const after = await sys.request().get("/api/queue").set("authorization", county);
    expect(after.body.total).toBe(2);
  });

  it("an XLSX list is read like a CSV; ID numbers Excel turned into numbers are explained", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("预警名单");
    ws.addRow(["姓名", "身份证号码", "所在村", "风险类型", "联系电话"]);
    ws.addRow(["赵四", validId("23122619900505005"), places.villageA.code, "因学", "13712345678"]);
    ws.addRow(["钱五", 2.31226199005051e17, places.villageA.code, "因学", ""]);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await sys
      .request()
      .post("/api/department-alerts/preview")
      .set("authorization", county)
      .set("content-type", "application/octet-stream")
      .send(file);
    expect(res.status).toBe(200);
    expect(res.body.rows[0]).toMatchObject({ ok: true, normalized: { phone: "137****5678", riskTypes: ["schooling"] } });
    expect(res.body.rows[1].ok).toBe(false);
  });

  it("a file without the needed columns, an empty file, an old .xls and an unknown village are 400s or row errors in Chinese", async () => {
    const noCols = await upload("/api/department-alerts/preview", "name,phone\n张三,13712345678\n");
    expect(noCols.status).toBe(400);
    expect(noCols.body.error.code).toBe("alert_file_columns_missing");
    expect(noCols.body.error.message).toContain("身份证号");
    const empty = await upload("/api/department-alerts/preview", "");
    expect(empty.status).toBe(400);
    const xls = await upload("/api/department-alerts/preview", Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]));
    expect(xls.body.error.code).toBe("alert_file_xls");
    const unknown = await upload(
      "/api/department-alerts/preview",
      `姓名,身份证号,村,风险类型\n张三,${validId("23122619700101001")},桃花源村,因病\n李四,${validId("23122619700101002")},${places.villageA.code},发财\n`,
    );
    expect(unknown.body.rows[0].errors[0]).toContain("没有找到“桃花源村”");
    expect(unknown.body.rows[1].errors[0]).toContain("风险类型“发财”不认识");
  });

  it("the department account may upload; a village cadre and a township may not", async () => {
    const dept = await upload("/api/department-alerts/preview", csv(), await auth("demo-department"));
    expect(dept.status).toBe(200);
    const cadre = await upload("/api/department-alerts/preview", csv(), await auth("demo-cadre"));
    expect(cadre.status).toBe(403);
    const township = await upload("/api/department-alerts/preview", csv(), await auth("demo-township"));
    expect(township.status).toBe(403);
  });

  it("a file over 5 MB is refused with 413", async () => {
    const res = await upload("/api/department-alerts/preview", Buffer.alloc(5 * 1024 * 1024 + 10, 0x41));
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("upload_too_large");
  });

  const signIn = (phone: string, password: string) =>
    sys
      .request()
      .post("/api/auth/staff")
      .set("x-forwarded-for", `10.9.${phone.slice(-2)}.1`)
      .send({ phone, password });

  it("the county creates a village cadre; the one-time password signs in; the list shows the phone masked", async () => {
    const res = await sys
      .request()
      .post("/api/staff")
      .set("authorization", county)
      .send({ displayName: "村委会 钱会计", phone: "13611110001", role: "village_cadre", areaCode: places.villageA.code });
    expect(res.status).toBe(201);
    expect(res.body.oneTimePassword).toMatch(/^[A-Za-z0-9]{12}$/);
    expect(res.body.account).toMatchObject({ role: "village_cadre", area: { code: places.villageA.code }, phone: "136****0001", locked: false });
    expect((await signIn("13611110001", res.body.oneTimePassword)).status).toBe(200);
    const list = await sys.request().get("/api/staff").set("authorization", county);
    expect(list.body.items.some((a: { id: string }) => a.id === res.body.account.id)).toBe(true);
    expect(JSON.stringify(list.body)).not.toContain("13611110001");
    const taken = await sys
      .request()
      .post("/api/staff")
      .set("authorization", county)
      .send({ displayName: "重复", phone: "13611110001", role: "grid_worker", areaCode: places.villageA.code });
    expect(taken.status).toBe(409);
  });

  it("a township may not give a role above its own, nor an area outside its own, nor a role at the wrong level", async () => {
    const township = await auth("demo-township");
    const above = await sys
      .request()
      .post("/api/staff")
      .set("authorization", township)
      .send({ displayName: "x", phone: "13611110002", role: "county", areaCode: places.county.code });
    expect(above.status).toBe(403);
    expect(above.body.error.code).toBe("role_above_own");
    const outside = await sys
      .request()
      .post("/api/staff")
      .set("authorization", township)
      .send({ displayName: "x", phone: "13611110002", role: "village_cadre", areaCode: places.villageB.code });
    expect(outside.body.error.code).toBe("area_forbidden");
    const level = await sys
      .request()
      .post("/api/staff")
      .set("authorization", township)
      .send({ displayName: "x", phone: "13611110002", role: "village_cadre", areaCode: places.township.code });
    expect(level.body.error.code).toBe("area_level_mismatch");
  });

  // fails if: a township's staff list is not limited to its township (tried: the list unscoped for townships).
  it("a township's staff list has its own township's accounts and none of another township's", async () => {
    const list = await sys
      .request()
      .get("/api/staff")
      .set("authorization", await auth("demo-township"));
    const areas = list.body.items.map((a: { area: { code: string } }) => a.area.code);
    expect(areas).toContain(places.villageA.code); // demo-cadre and demo-grid
    expect(areas).toContain(places.township.code); // demo-township itself
    expect(areas).not.toContain(places.villageB.code); // demo-cadre-other, in another township
    expect(areas.every((code: string) => code.startsWith(places.township.code.slice(0, 9)))).toBe(true);
  });

  it("a password reset gives a new one-time password and retires the old; a locked account can neither sign in nor use its session", async () => {
    const created = await sys
      .request()
      .post("/api/staff")
      .set("authorization", county)
      .send({ displayName: "网格员 孙", phone: "13611110003", role: "grid_worker", areaCode: places.villageA.code });
    const id = created.body.account.id;
    const reset = await sys.request().patch(`/api/staff/${id}`).set("authorization", county).send({ resetPassword: true });
    expect(reset.status).toBe(200);
    expect(reset.body.oneTimePassword).not.toBe(created.body.oneTimePassword);
    expect((await signIn("13611110003", created.body.oneTimePassword)).status).toBe(401);
    const session = await signIn("13611110003", reset.body.oneTimePassword);
    expect(session.status).toBe(200);

    const lock = await sys.request().patch(`/api/staff/${id}`).set("authorization", county).send({ locked: true });
    expect(lock.body.account.locked).toBe(true);
    expect((await signIn("13611110003", reset.body.oneTimePassword)).body.error.code).toBe("account_disabled");
    expect((await sys.request().get("/api/me").set("authorization", `Bearer ${session.body.token}`)).status).toBe(401);
    await sys.request().patch(`/api/staff/${id}`).set("authorization", county).send({ locked: false });
    expect((await signIn("13611110003", reset.body.oneTimePassword)).status).toBe(200);

    const audit = await sys.deps.db.query("SELECT action FROM audit_event WHERE subject_id = ? ORDER BY id", [id]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(
      expect.arrayContaining(["staff.created", "staff.password_reset", "staff.locked", "staff.unlocked"]),
    );
  });

  it("nobody locks their own account, and a township cannot touch the county's", async () => {
    const me = await sys.request().get("/api/me").set("authorization", county);
    const self = await sys.request().patch(`/api/staff/${me.body.id}`).set("authorization", county).send({ locked: true });
    expect(self.status).toBe(403);
    const township = await sys
      .request()
      .patch(`/api/staff/${me.body.id}`)
      .set("authorization", await auth("demo-township"))
      .send({ resetPassword: true });
    expect(township.status).toBe(404);
    expect((await signIn("13900000001", DEMO_PASSWORD)).status).toBe(200);
  });
});
