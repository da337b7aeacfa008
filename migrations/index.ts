import { Foundation1764000000000 } from "./1764000000000-Foundation.js";
import { Reports1764000000100 } from "./1764000000100-Reports.js";
import { PolicySheets1764000000200 } from "./1764000000200-PolicySheets.js";
import { Bot1764000000300 } from "./1764000000300-Bot.js";
import { Rhythm1764000000400 } from "./1764000000400-Rhythm.js";
import { HolidayCalendar1764000000500 } from "./1764000000500-HolidayCalendar.js";
import { Security1764000000700 } from "./1764000000700-Security.js";
import { ReportEnteredAt1764000000800 } from "./1764000000800-ReportEnteredAt.js";
import { Identification1764000001100 } from "./1764000001100-Identification.js";
import { BotGroupTopic1764000001900 } from "./1764000001900-BotGroupTopic.js";
import { Households1764000002000 } from "./1764000002000-Households.js";
import { DepartmentLane1764000002100 } from "./1764000002100-DepartmentLane.js";
import { DepartmentAlertBatch1764000002200 } from "./1764000002200-DepartmentAlertBatch.js";
import { QueueKeyset1764000002300 } from "./1764000002300-QueueKeyset.js";
import { OneAlertBatch1764000002400 } from "./1764000002400-OneAlertBatch.js";
import { IdentificationNextReminder1764000002600 } from "./1764000002600-IdentificationNextReminder.js";
import { CountyLease1764000002800 } from "./1764000002800-CountyLease.js";

/** Every migration, oldest first. The same classes run on SQLite and MySQL/MariaDB. */
export const migrations = [
  Foundation1764000000000,
  Reports1764000000100,
  PolicySheets1764000000200,
  Bot1764000000300,
  Rhythm1764000000400,
  HolidayCalendar1764000000500,
  Security1764000000700,
  ReportEnteredAt1764000000800,
  Identification1764000001100,
  BotGroupTopic1764000001900,
  Households1764000002000,
  DepartmentLane1764000002100,
  DepartmentAlertBatch1764000002200,
  QueueKeyset1764000002300,
  OneAlertBatch1764000002400,
  IdentificationNextReminder1764000002600,
  CountyLease1764000002800,
];
