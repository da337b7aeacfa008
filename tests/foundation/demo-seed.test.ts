import { describe, expect, it } from "vitest";
import { startTestSystem } from "../helpers/test-system.js";

describe("demo data for the other pilot county", () => {
  it("DEMO_COUNTY=430503 seeds 大祥区 with a cadre in a real village of a township of demo-township", async () => {
    const sys = await startTestSystem("sqlite", { env: { DEMO_COUNTY: "430503" } });
    try {
      const me = async (u: string) =>
        (
          await sys
            .request()
            .get("/api/me")
            .set("authorization", `Bearer ${await sys.tokenFor(u)}`)
        ).body;
      const county = await me("demo-county");
      const township = await me("demo-township");
      const cadre = await me("demo-cadre");
      expect(county.area).toMatchObject({ code: "430503000000", name: "大祥区" });
      expect(cadre.area.level).toBe("village");
      expect(cadre.area.code.slice(0, 9)).toBe(township.area.code.slice(0, 9));
      const other = await me("demo-cadre-other");
      expect(other.area.code.slice(0, 9)).not.toBe(township.area.code.slice(0, 9));
    } finally {
      await sys.close();
    }
  });
});
