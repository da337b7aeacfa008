import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local stand-in for WeChat's server API, started by a test. Codes map to openids;
 * "bad-code" answers 40029 and "busy-code" 45011, as WeChat does. A getPhoneNumber code
 * "phone-<11 digits>" verifies that number; any other is refused with 40029.
 */
export interface FakeWechat {
  baseUrl: string;
  calls: Array<{ path: string; query: Record<string, string>; body: unknown }>;
  subscribeReplies: Array<{ errcode: number; errmsg: string }>;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  return text ? JSON.parse(text) : undefined;
}

export async function startFakeWechat(): Promise<FakeWechat> {
  const fake: Omit<FakeWechat, "baseUrl" | "close"> = { calls: [], subscribeReplies: [] };
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const query = Object.fromEntries(url.searchParams);
    const body = await readBody(req);
    fake.calls.push({ path: url.pathname, query, body });
    const send = (o: object) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(o));
    if (url.pathname === "/sns/jscode2session") {
      if (query.js_code === "bad-code") return send({ errcode: 40029, errmsg: "invalid code" });
      if (query.js_code === "busy-code") return send({ errcode: 45011, errmsg: "api minute-quota reach limit" });
      return send({ openid: `openid-${query.js_code}`, session_key: "secret-session-key" });
    }
    if (url.pathname === "/cgi-bin/token") return send({ access_token: "fake-access-token", expires_in: 7200 });
    if (url.pathname === "/wxa/business/getuserphonenumber") {
      const phone = /^phone-(1\d{10})$/.exec(String((body as { code?: unknown })?.code))?.[1];
      if (query.access_token !== "fake-access-token" || !phone) return send({ errcode: 40029, errmsg: "invalid code" });
      return send({ errcode: 0, errmsg: "ok", phone_info: { phoneNumber: phone, purePhoneNumber: phone, countryCode: "86" } });
    }
    if (url.pathname === "/cgi-bin/message/subscribe/send") return send(fake.subscribeReplies.shift() ?? { errcode: 0, errmsg: "ok" });
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(fake, {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
