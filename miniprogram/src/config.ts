/**
 * The one place for what differs between installations. `appId` must equal the server's
 * WECHAT_APP_ID; `npm run build:miniprogram` copies it into project.config.json.
 * "touristappid" lets WeChat DevTools open the project without a registered app.
 */
export const config = {
  appId: "touristappid",
  /** The yijian server; in DevTools, turn off 校验合法域名 to reach a local one. */
  apiBaseUrl: "http://127.0.0.1:3000",
  /** The pilot counties a household picks its village in (统计用区划代码, 12 digits). */
  counties: [
    { code: "231226000000", name: "绥棱县" },
    { code: "430503000000", name: "大祥区" },
  ],
  /** Version of the reporter's statement on the report page (not the household's 授权承诺书); bump when the text changes. */
  consentTextVersion: "2026-11",
  /** 订阅消息模板 ID (申报进度) from the 小程序后台; equal to the server's WECHAT_TEMPLATE_REPORT_PROGRESS. */
  subscribeTemplateIds: ["demo-template-report-progress"],
  /**
   * 按住说话 through the 微信同声传译 plugin (WechatSI). Off by default: DevTools then opens the
   * project as cloned, and households use the keyboard's own voice key. Turn on only for an
   * appid that has added the plugin in 小程序后台, then run `npm run build:miniprogram`,
   * which writes the plugin line into app.json.
   */
  speechPlugin: false,
};
