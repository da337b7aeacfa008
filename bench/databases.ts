import { createConnection, type Connection } from "mysql2/promise";

/** The MySQL/MariaDB server the benches run on (BENCH_MYSQL_URL, default the local root account). */
export const BENCH_SERVER = process.env.BENCH_MYSQL_URL ?? "mysql://root@127.0.0.1:3306/";

/** A throwaway database on the bench server, dropped afterwards. */
export async function freshDatabase(label: string): Promise<{ url: string; admin: Connection; drop(): Promise<void> }> {
  const u = new URL(BENCH_SERVER);
  const admin = await createConnection({
    host: u.hostname,
    port: Number(u.port || 3306),
    user: decodeURIComponent(u.username) || "root",
    password: decodeURIComponent(u.password),
  });
  const name = `yijian_bench_${label}_${Date.now()}`;
  await admin.query(`CREATE DATABASE ${name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  u.pathname = `/${name}`;
  return { url: u.toString(), admin, drop: async () => void (await admin.query(`DROP DATABASE ${name}`), await admin.end()) };
}
