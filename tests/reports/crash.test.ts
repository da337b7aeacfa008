import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createDataSource } from "../../src/db/data-source.js";
import { createTestDatabase, testEngines, type TestDatabase } from "../helpers/databases.js";
import { buildReport } from "../helpers/factories.js";

const root = path.resolve(import.meta.dirname, "../..");

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function waitForHealth(base: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("server did not come up");
}

describe.each(testEngines())("a server killed with SIGKILL on %s", (engine) => {
  const databases: TestDatabase[] = [];
  afterAll(async () => {
    for (const d of databases) await d.drop();
  });

  it("loses no report it answered 201", async () => {
    const database = await createTestDatabase(engine);
    databases.push(database);
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const child = spawn(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "src/main.ts"], {
      cwd: root,
      env: { ...process.env, PORT: String(port), DATABASE_URL: database.url, CRON: "off", LOG_LEVEL: "silent", NODE_ENV: "test" },
      stdio: "ignore",
    });
    try {
      await waitForHealth(base, child);
      const signIn = await fetch(`${base}/api/auth/demo`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username: "demo-cadre" }) });
      const { token } = (await signIn.json()) as { token: string };
      const me = (await (await fetch(`${base}/api/me`, { headers: { authorization: `Bearer ${token}` } })).json()) as { area: { code: string } };

      const answered: string[] = [];
      let stop = false;
      const submitter = async () => {
        while (!stop) {
          try {
            const res = await fetch(`${base}/api/reports`, {
              method: "POST",
              headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
              body: JSON.stringify(buildReport(me.area.code, { relation: "cadre" })),
            });
            if (res.status === 201) answered.push(((await res.json()) as { id: string }).id);
          } catch {
            return; // the server is gone
          }
        }
      };
      const streams = Array.from({ length: 8 }, submitter);
      while (answered.length < 40) await new Promise((r) => setTimeout(r, 10));
      child.kill("SIGKILL");
      stop = true;
      await Promise.all(streams);

      const db = createDataSource(database.url);
      await db.initialize();
      const rows: Array<{ id: string }> = await db.query("SELECT id FROM report");
      await db.destroy();
      const stored = new Set(rows.map((r) => r.id));
      expect(answered.length).toBeGreaterThanOrEqual(40);
      expect(answered.filter((id) => !stored.has(id))).toEqual([]);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  }, 120_000);
});
