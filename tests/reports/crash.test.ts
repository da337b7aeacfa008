import { spawn, type ChildProcess } from "node:child_process";
import { connect, createServer } from "node:net";
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

/**
 * The server itself, not a launcher: node with tsx's loader runs src/main.ts in this very
 * process (tsx's CLI would run it in a grandchild that a SIGKILL of the CLI leaves alive).
 * detached gives it its own process group, so the kill below reaches anything it started.
 */
function startServer(port: number, databaseUrl: string): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: root,
    env: { ...process.env, PORT: String(port), DATABASE_URL: databaseUrl, CRON: "off", LOG_LEVEL: "silent", NODE_ENV: "test" },
    stdio: "ignore",
    detached: true,
  });
}

async function waitForHealth(base: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server exited (${child.exitCode ?? child.signalCode})`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("server did not come up");
}

/** SIGKILL to the server's whole process group, resolved once the server process is gone. */
async function killGroup(child: ChildProcess): Promise<void> {
  const gone = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
  try {
    process.kill(-child.pid!, "SIGKILL");
  } catch {
    // the group is already gone
  }
  await gone;
}

/** "refused" when nothing listens on the port, "accepted" when something still does. */
async function probePort(port: number): Promise<"refused" | "accepted"> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve("accepted");
    });
    socket.once("error", (err: NodeJS.ErrnoException) => (err.code === "ECONNREFUSED" ? resolve("refused") : reject(err)));
  });
}

async function signInCadre(base: string): Promise<{ token: string; village: string }> {
  const signIn = await fetch(`${base}/api/auth/demo`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username: "demo-cadre" }) });
  const { token } = (await signIn.json()) as { token: string };
  const me = (await (await fetch(`${base}/api/me`, { headers: { authorization: `Bearer ${token}` } })).json()) as { area: { code: string } };
  return { token, village: me.area.code };
}

describe.each(testEngines())("a server killed with SIGKILL on %s", (engine) => {
  const databases: TestDatabase[] = [];
  const servers: ChildProcess[] = [];
  afterAll(async () => {
    for (const s of servers) await killGroup(s);
    for (const d of databases) await d.drop();
  });

  // fails if: an acknowledged report is not committed before the 201 (e.g. the answer is sent
  // before the transaction commits), or if the kill does not reach the server (port still open).
  it("loses no report it answered 201: the port goes dead, and after a restart every one is readable", async () => {
    const database = await createTestDatabase(engine);
    databases.push(database);
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const first = startServer(port, database.url);
    servers.push(first);
    await waitForHealth(base, first);
    const { token, village } = await signInCadre(base);

    const answered: string[] = [];
    let stop = false;
    const submitter = async () => {
      while (!stop) {
        try {
          const res = await fetch(`${base}/api/reports`, {
            method: "POST",
            headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
            body: JSON.stringify(buildReport(village, { relation: "cadre" })),
          });
          if (res.status === 201) answered.push(((await res.json()) as { id: string }).id);
        } catch {
          return; // the server is gone
        }
      }
    };
    const streams = Array.from({ length: 8 }, submitter);
    while (answered.length < 40) await new Promise((r) => setTimeout(r, 10));
    await killGroup(first);
    stop = true;
    await Promise.all(streams);
    expect(first.signalCode).toBe("SIGKILL");
    expect(await probePort(port)).toBe("refused");

    const db = createDataSource(database.url);
    await db.initialize();
    const rows: Array<{ id: string }> = await db.query("SELECT id FROM report");
    await db.destroy();
    const stored = new Set(rows.map((r) => r.id));
    expect(answered.length).toBeGreaterThanOrEqual(40);
    expect(answered.filter((id) => !stored.has(id))).toEqual([]);

    // The same database, started again: each acknowledged report is there for its cadre.
    const second = startServer(port, database.url);
    servers.push(second);
    await waitForHealth(base, second);
    const again = await signInCadre(base);
    const unreadable: string[] = [];
    for (const id of answered) {
      const res = await fetch(`${base}/api/reports/${id}`, { headers: { authorization: `Bearer ${again.token}` } });
      if (res.status !== 200 || ((await res.json()) as { id: string }).id !== id) unreadable.push(id);
    }
    expect(unreadable).toEqual([]);
    await killGroup(second);
    expect(await probePort(port)).toBe("refused");
  }, 180_000);
});
