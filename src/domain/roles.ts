/** The people who use yijian (DESIGN.md, "The people"). */
export const ROLES = ["farmer", "grid_worker", "village_cadre", "township", "county", "department", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** How far a role reaches: nobody creates or changes an account of a role ranked above their own. */
export const ROLE_RANK: Record<Role, number> = { farmer: 0, grid_worker: 1, village_cadre: 1, township: 2, department: 3, county: 3, admin: 4 };

export const STAFF_ROLES: readonly Role[] = ["grid_worker", "village_cadre", "township", "county", "department", "admin"];
/** Staff scoped to one village: its cadres and grid workers. */
export const VILLAGE_STAFF_ROLES: readonly Role[] = ["grid_worker", "village_cadre"];

/** Who sets county-wide things: reminders, campaigns, policy sheets, the holiday calendar. */
export const COUNTY_ROLES: readonly Role[] = ["county", "admin"];
/** Who works in the county console's full pages (the dashboard, the ledger, staff accounts). */
export const CONSOLE_ROLES = ["township", "county", "admin"] as const satisfies readonly Role[];
/** Who may load a department's alert list. */
export const ALERT_UPLOADER_ROLES: readonly Role[] = ["department", "county", "admin"];
/** Who looks after a village's WeChat groups: its own staff and the county above it. */
export const GROUP_KEEPER_ROLES: readonly Role[] = [...VILLAGE_STAFF_ROLES, "county", "admin"];

export const ROLE_LABELS: Record<Role, string> = {
  farmer: "农户",
  grid_worker: "网格员",
  village_cadre: "村干部",
  township: "乡镇干部",
  county: "县农业农村局",
  department: "行业部门",
  admin: "系统管理员",
};

/** Departments that push risk alerts (部门筛查预警). */
export const DEPARTMENTS = ["civil_affairs", "medical_insurance", "housing", "water", "human_resources", "education", "disabled_persons", "emergency"] as const;
export type Department = (typeof DEPARTMENTS)[number];

export const DEPARTMENT_LABELS: Record<Department, string> = {
  civil_affairs: "民政",
  medical_insurance: "医保",
  housing: "住建",
  water: "水务",
  human_resources: "人社",
  education: "教育",
  disabled_persons: "残联",
  emergency: "应急",
};
