import { AccountEntity } from "./account.js";
import { AreaEntity } from "./area.js";
import { AuditEventEntity } from "./audit-event.js";
import { CountySettingEntity } from "./county-setting.js";
import { HouseholdEntity } from "./household.js";
import { IdempotencyRecordEntity } from "./idempotency-record.js";
import { NotificationEntity } from "./notification.js";
import { ReportEntity } from "./report.js";
import { ReportEventEntity } from "./report-event.js";
import { ReportLeadEntity } from "./report-lead.js";
import { SubscriptionQuotaEntity } from "./subscription-quota.js";

export const entities = [
  AreaEntity,
  HouseholdEntity,
  AccountEntity,
  AuditEventEntity,
  ReportEntity,
  ReportEventEntity,
  ReportLeadEntity,
  IdempotencyRecordEntity,
  NotificationEntity,
  CountySettingEntity,
  SubscriptionQuotaEntity,
];
