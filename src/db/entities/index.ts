import { AccountEntity } from "./account.js";
import { AreaEntity } from "./area.js";
import { AuditEventEntity } from "./audit-event.js";
import { HouseholdEntity } from "./household.js";

export const entities = [AreaEntity, HouseholdEntity, AccountEntity, AuditEventEntity];
