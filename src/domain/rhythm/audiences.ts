/** Who a reminder goes to. Staff audiences are accounts of that role in the area. */
export const AUDIENCES = ["village_groups", "cadres", "grid_workers", "township", "county", "farmers"] as const;
export type Audience = (typeof AUDIENCES)[number];

export const AUDIENCE_LABELS: Record<Audience, string> = {
  village_groups: "村微信群（机器人）",
  cadres: "村干部",
  grid_workers: "网格员",
  township: "乡镇",
  county: "县农业农村局",
  farmers: "已订阅的农户（订阅消息）",
};
