import path from "node:path";
import { describe, expect, it } from "vitest";
import { startTestSystem } from "../helpers/test-system.js";
import { haveChromium, inCi, useConsoleBrowser } from "./chromium.js";

/** Where the screenshots go when SCREENSHOTS_DIR is set (to look at them). */
const shots = process.env.SCREENSHOTS_DIR;

describe.runIf(haveChromium || inCi)("a county's settings in the console (headless Chromium)", () => {
  const c = useConsoleBrowser(
    () => startTestSystem("sqlite"),
    (sys) => sys.close(),
  );

  // fails if: the county cannot see or save its notice hour, or a refused hour is not said by its field
  it("the county officer sets the notice hour on the 节假日 page; a night hour is refused next to the field", async () => {
    const { page, base, browser, signInAs } = c;
    await signInAs("demo-county");
    await page.goto(`${base}/console/#/holidays`);
    await page.waitForSelector("#county-settings");
    expect(await page.inputValue('#county-settings input[name="noticeTime"]')).toBe("08:30");
    // a hand-typed night hour gets past the time picker's own limits in some browsers: the server says no
    await page.$eval('#county-settings input[name="noticeTime"]', (el) => {
      (el as HTMLInputElement).removeAttribute("min");
      (el as HTMLInputElement).removeAttribute("max");
      (el as HTMLInputElement).value = "22:00";
    });
    await page.click('#county-settings button[type="submit"]');
    await page.waitForSelector("#county-settings .field-error");
    expect(await page.textContent("#county-settings .field-error")).toContain("夜间消息改发时间");
    if (shots) await page.screenshot({ path: path.join(shots, "county-settings-error.png"), fullPage: true });

    await page.fill('#county-settings input[name="noticeTime"]', "09:15");
    await page.selectOption('#county-settings select[name="deadlineRule"]', "calendar");
    await page.click('#county-settings button[type="submit"]');
    await page.waitForSelector("#msg .notice.ok");
    expect(await page.textContent("#msg")).toContain("09:15");
    expect(await page.inputValue('#county-settings input[name="noticeTime"]')).toBe("09:15");
    if (shots) await page.screenshot({ path: path.join(shots, "county-settings.png"), fullPage: true });
    expect(browser.pageErrors).toEqual([]);
  });

  it("a township officer sees the holiday arrangement but no county settings", async () => {
    const { page, base, signInAs } = c;
    await signInAs("demo-township");
    await page.goto(`${base}/console/#/holidays`);
    await page.waitForSelector("#year-state");
    expect(await page.$("#county-settings")).toBeNull();
  });
});
