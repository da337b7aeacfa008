import http from "node:http";
import type { AddressInfo } from "node:net";
import { crc32, deflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SHEET_LIMITS } from "../../src/formats/sheet-limits.js";
import { testEngines } from "../helpers/databases.js";
import { startTestSystem, type TestSystem } from "../helpers/test-system.js";

/** A zip built by hand, so a test can make one a spreadsheet program never would. */
function zip(entries: Array<{ name: string; data: Buffer }>): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const packed = deflateRawSync(e.data, { level: 9 });
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(e.data), 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(crc32(e.data), 16);
    dir.writeUInt32LE(packed.length, 20);
    dir.writeUInt32LE(e.data.length, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    central.push(dir, name);
    offset += 30 + name.length + packed.length;
  }
  const dirBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dirBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dirBytes, end]);
}

describe.each(testEngines())("department alert uploads on %s", (engine) => {
  let sys: TestSystem;
  let county: string;
  beforeAll(async () => {
    sys = await startTestSystem(engine);
    county = `Bearer ${await sys.tokenFor("demo-county")}`;
  });
  afterAll(() => sys.close());

  const preview = (body: Buffer, token = county) =>
    sys
      .request()
      .post("/api/department-alerts/preview?fileName=list.xlsx")
      .set("authorization", token)
      .set("content-type", "application/octet-stream")
      .send(body);

  // fails if: cells far outside the used range are read (getCell/columnCount per cell) instead of refused or ignored
  it("an XLSX with a stray cell at ALL1 is refused as too wide; one at A20000 as too long", async () => {
    const wide = new ExcelJS.Workbook();
    const ws = wide.addWorksheet("名单");
    ws.getCell("A1").value = "姓名";
    ws.getCell("ALL1").value = "x";
    ws.getCell("A2000").value = "张三";
    const res = await preview(Buffer.from(await wide.xlsx.writeBuffer()));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("alert_file_too_many_columns");
    expect(res.body.error.message).toContain(`${SHEET_LIMITS.columns}列`);

    const tall = new ExcelJS.Workbook();
    const ts = tall.addWorksheet("名单");
    ts.getCell("A1").value = "姓名";
    ts.getCell(`A${SHEET_LIMITS.dataRows + 2}`).value = "张三";
    const long = await preview(Buffer.from(await tall.xlsx.writeBuffer()));
    expect(long.status).toBe(400);
    expect(long.body.error.code).toBe("alert_file_too_many_rows");
  });

  // fails if: an XLSX is inflated without a ceiling (a 1 MB zip bomb took 2.3 GB)
  it("a zip bomb (one entry inflating past 20 MB) is refused in Chinese", async () => {
    const bomb = zip([
      { name: "[Content_Types].xml", data: Buffer.from("<Types/>") },
      { name: "xl/worksheets/sheet1.xml", data: Buffer.alloc(SHEET_LIMITS.entryBytes + 1024, 0x20) },
    ]);
    expect(bomb.length).toBeLessThan(100_000);
    const res = await preview(bomb);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("alert_file_inflates_too_much");
    expect(res.body.error.message).toMatch(/解压后太大/);
  });

  // fails if: only each entry's size is checked, not their sum (tried: the total dropped from the inflate check and its ceiling).
  it("entries that are each small but together past 50 MB are refused too", async () => {
    const parts = Array.from({ length: 3 }, (_, i) => ({ name: `xl/media/p${i}.bin`, data: Buffer.alloc(SHEET_LIMITS.entryBytes - 10, 0x41) }));
    const res = await preview(zip(parts));
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("alert_file_inflates_too_much");
  });

  // fails if: the row limit is not checked while reading
  it(`a CSV of more than ${SHEET_LIMITS.dataRows} rows is refused`, async () => {
    const rows = ["姓名,身份证号,村,风险类型", ...Array.from({ length: SHEET_LIMITS.dataRows + 1 }, (_, i) => `张${i},1,2,3`)].join("\n");
    const res = await preview(Buffer.from(rows));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("alert_file_too_many_rows");
  });

  // fails if: the body is read before the caller is authenticated (an anonymous caller could make the server read 5 MB)
  it("an anonymous upload is answered 401 without its body being read", async () => {
    const server = sys.app.listen(0, "127.0.0.1");
    await new Promise((r) => server.once("listening", r));
    try {
      const port = (server.address() as AddressInfo).port;
      const status = await new Promise<number>((resolve, reject) => {
        const req = http.request(
          {
            host: "127.0.0.1",
            port,
            method: "POST",
            path: "/api/department-alerts/preview",
            headers: { "content-type": "text/csv", "content-length": String(4 * 1024 * 1024) },
          },
          (res) => {
            resolve(res.statusCode ?? 0);
            res.resume();
            req.destroy();
          },
        );
        req.on("error", reject);
        req.write("姓名,身份证号\n"); // the rest never comes: only an answer that does not wait for it arrives
      });
      expect(status).toBe(401);
    } finally {
      server.close();
    }
  });
});
