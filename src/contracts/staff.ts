import { z } from "zod";
import { DEPARTMENTS } from "../domain/roles.js";

/** Roles a staff account may be given from the console (admins are made by the operator). */
export const MANAGED_ROLES = ["grid_worker", "village_cadre", "township", "county", "department"] as const;

const areaCode = z.string().regex(/^\d{12}$/, "区划代码应为12位数字");

export const StaffListQuerySchema = z.strictObject({
  role: z.enum(MANAGED_ROLES, { error: "角色不对" }).optional(),
  areaCode: areaCode.optional(),
});
export type StaffListQuery = z.infer<typeof StaffListQuerySchema>;

export const StaffCreateSchema = z.strictObject({
  displayName: z.string().trim().min(1, "请填写姓名或称呼").max(64, "姓名太长了"),
  phone: z
    .string()
    .trim()
    .regex(/^1[3-9]\d{9}$/, "手机号应为11位数字，以1开头"),
  role: z.enum(MANAGED_ROLES, { error: "角色不对" }),
  areaCode,
  department: z.enum(DEPARTMENTS, { error: "部门不对" }).optional(),
});
export type StaffCreateInput = z.infer<typeof StaffCreateSchema>;

export const StaffPatchSchema = z
  .strictObject({
    displayName: z.string().trim().min(1, "请填写姓名或称呼").max(64, "姓名太长了").optional(),
    role: z.enum(MANAGED_ROLES, { error: "角色不对" }).optional(),
    areaCode: areaCode.optional(),
    department: z.enum(DEPARTMENTS, { error: "部门不对" }).nullable().optional(),
    resetPassword: z.literal(true).optional(),
    locked: z.boolean().optional(),
  })
  .refine((p) => Object.keys(p).length > 0, "请至少修改一项");
export type StaffPatchInput = z.infer<typeof StaffPatchSchema>;

export const StaffIdParamsSchema = z.strictObject({ id: z.string().uuid("账号编号不对") });
export type StaffIdParams = z.infer<typeof StaffIdParamsSchema>;
