import { AccountEntity } from "./account.js";
import { AlertBatchEntity } from "./alert-batch.js";
import { AlertBatchRowEntity } from "./alert-batch-row.js";
import { AreaEntity } from "./area.js";
import { AuditEventEntity } from "./audit-event.js";
import { BotContactEntity, BotGroupEntity, BotLinkCodeEntity } from "./bot.js";
import { CountyLeaseEntity, CronInstanceEntity } from "./county-lease.js";
import { CountySettingEntity } from "./county-setting.js";
import { HolidayYearEntity } from "./holiday-year.js";
import { HouseholdEntity } from "./household.js";
import { ClearanceStepEntity, IdentificationStepEntity, MonitoredHouseholdEntity } from "./identification.js";
import { IdempotencyRecordEntity } from "./idempotency-record.js";
import { NotificationEntity } from "./notification.js";
import { OccurrenceLedgerEntity } from "./occurrence-ledger.js";
import { PolicySheetEntity } from "./policy-sheet.js";
import { RecurringRuleEntity } from "./recurring-rule.js";
import { ReportEntity } from "./report.js";
import { ReportEventEntity } from "./report-event.js";
import { ReportLeadEntity } from "./report-lead.js";
import { ReportQueueCountEntity } from "./report-queue-count.js";
import { SignInThrottleEntity } from "./sign-in-throttle.js";
import { ScreeningCampaignEntity } from "./screening-campaign.js";
import { SubscriptionQuotaEntity } from "./subscription-quota.js";

export const entities = [
  AreaEntity,
  HouseholdEntity,
  AccountEntity,
  AuditEventEntity,
  ReportEntity,
  ReportEventEntity,
  ReportLeadEntity,
  ReportQueueCountEntity,
  IdempotencyRecordEntity,
  NotificationEntity,
  CountySettingEntity,
  HolidayYearEntity,
  SubscriptionQuotaEntity,
  ScreeningCampaignEntity,
  RecurringRuleEntity,
  OccurrenceLedgerEntity,
  PolicySheetEntity,
  BotGroupEntity,
  BotContactEntity,
  BotLinkCodeEntity,
  SignInThrottleEntity,
  IdentificationStepEntity,
  MonitoredHouseholdEntity,
  ClearanceStepEntity,
  AlertBatchEntity,
  AlertBatchRowEntity,
  CountyLeaseEntity,
  CronInstanceEntity,
];
