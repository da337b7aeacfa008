import { expect } from "vitest";
import type { Phone, Rendered } from "./harness.js";

/** The village of a demo staff account, and where it sits in the mini-program's pickers. */
export async function demoVillage(phone: Phone, username = "demo-cadre") {
  const token = await phone.system.tokenFor(username);
  const me = (await phone.system.request().get("/api/me").set("Authorization", `Bearer ${token}`)).body as { area: { code: string; name: string } };
  const code = me.area.code;
  const county = `${code.slice(0, 6)}000000`;
  const townships = (await phone.system.request().get(`/api/areas/${county}/children`)).body.items as Array<{ code: string }>;
  const villages = (await phone.system.request().get(`/api/areas/${code.slice(0, 9)}000/children`)).body.items as Array<{ code: string }>;
  return {
    code,
    name: me.area.name,
    townshipIndex: townships.findIndex((t) => t.code === `${code.slice(0, 9)}000`),
    villageIndex: villages.findIndex((v) => v.code === code),
  };
}

/** A first-time household fills in the whole report page (not yet submitted). */
export async function fillFirstReport(
  phone: Phone,
  page: Rendered,
  opts: { village: Awaited<ReturnType<typeof demoVillage>>; name: string; mobile: string; riskTypes: string[]; description?: string },
) {
  await phone.waitFor(() => page.querySelector("#type-illness"), "the risk-type icons");
  for (const code of opts.riskTypes) await phone.tap(page, `#type-${code}`);
  if (opts.description) await phone.type(page, "#description", opts.description);
  await phone.type(page, "#name", opts.name);
  await phone.type(page, "#phone", opts.mobile);
  await phone.pick(page, "#county-picker", 0);
  await phone.waitFor(() => page.querySelector("#township-picker"), "the township picker");
  await phone.pick(page, "#township-picker", opts.village.townshipIndex);
  await phone.waitFor(() => page.querySelector("#village-picker"), "the village picker");
  await phone.pick(page, "#village-picker", opts.village.villageIndex);
  expect(phone.text(page, "#village-name")).toBe(opts.village.name);
  await phone.tap(page, "#consent-check");
}

/** Waits for the page to navigate to `prefix` and returns that URL. */
export function navigatedTo(phone: Phone, prefix: string): Promise<string> {
  return phone.waitFor(() => phone.navigations.find((u) => u.startsWith(prefix)), `navigation to ${prefix}`);
}
