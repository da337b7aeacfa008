import type { DataSource, EntitySchema, ObjectLiteral } from "typeorm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/data-source.js";
import { AlertBatchRowEntity, type AlertBatchRow } from "../../src/db/entities/alert-batch-row.js";
import { AuditEventEntity, type AuditEvent } from "../../src/db/entities/audit-event.js";
import { HouseholdEntity, type Household } from "../../src/db/entities/household.js";
import { NotificationEntity, type Notification } from "../../src/db/entities/notification.js";
import { ReportEntity, type Report } from "../../src/db/entities/report.js";
import { ReportEventEntity, type ReportEvent } from "../../src/db/entities/report-event.js";
import { ReportLeadEntity, type ReportLead } from "../../src/db/entities/report-lead.js";
import { insertRows } from "../../src/db/insert-rows.js";
import { inTransaction } from "../../src/db/transaction.js";
import { createTestDatabase, testEngines, type TestDatabase } from "../helpers/databases.js";

const AT = new Date("2026-03-05T02:03:04.567Z");
const LATER = new Date("2026-03-10T15:59:59.001Z");
// unicode, both quotes, a backslash, a question mark (a placeholder if it were spliced in) and a line break
const AWKWARD = `李桂兰 'O''Brien' "引号" \\ back? ；\n第二行 🌾`;

/** For each entity the hot paths insert: a row naming `key`, with dates, nulls, booleans, JSON text and awkward text. */
const SAMPLES: Array<{ name: string; entity: EntitySchema<ObjectLiteral>; key: string; row: (key: string) => ObjectLiteral }> = [
  {
    name: "report",
    entity: ReportEntity,
    key: "id",
    row: (id): Report => ({
      id,
      number: `N${id.slice(0, 2)}${id.slice(-8)}`,
      villageCode: "231226100201",
      householdId: `h-${id}`,
      householdName: AWKWARD,
      phoneSealed: "",
      idNumberSealed: null,
      riskTypes: "illness,housing",
      description: AWKWARD,
      relation: "self",
      channel: "department",
      reporterAccountId: null,
      reporterPhoneSealed: null,
      consentGiven: true,
      consentTextVersion: "v1",
      status: "received",
      openKey: `231226100201:${id}`,
      receivedAt: AT,
      dueAt: LATER,
      deadlineBasis: "calendar" as Report["deadlineBasis"],
      acceptedAt: null,
      visitedAt: null,
      opinionAt: null,
      opinionKind: null,
      opinionReason: null,
      opinionPolicyRef: null,
      overdueAt: null,
      closedAt: null,
      transferredTo: null,
      lateBeforeTransfer: false,
      enteredAt: LATER,
      updatedAt: AT,
    }),
  },
  {
    name: "household",
    entity: HouseholdEntity,
    key: "id",
    row: (id): Household => ({
      id,
      villageCode: "231226100201",
      headName: AWKWARD.slice(0, 20),
      phoneSealed: null,
      phoneHash: null,
      idNumberSealed: "sealed'value",
      idNumberHash: "abc",
      matchKey: `k:${id}`,
      createdAt: AT,
    }),
  },
  {
    name: "report_lead",
    entity: ReportLeadEntity,
    key: "reportId",
    row: (reportId) =>
      ({
        reportId,
        receivedAt: AT,
        channel: "bot",
        relation: "neighbour",
        reporterAccountId: null,
        householdName: AWKWARD.slice(0, 20),
        reporterPhoneSealed: null,
        riskTypes: "illness",
        description: AWKWARD,
      }) as Omit<ReportLead, "id">,
  },
  {
    name: "report_event (a boolean set, a boolean left to its default)",
    entity: ReportEventEntity,
    key: "reportId",
    row: (reportId) => ({
      reportId,
      at: AT,
      actorId: null,
      actorRole: "village_cadre",
      action: "received",
      fromStatus: null,
      toStatus: "received",
      note: AWKWARD,
    }),
  },
  {
    name: "report_event (internal)",
    entity: ReportEventEntity,
    key: "reportId",
    row: (reportId) =>
      ({ reportId, at: LATER, actorId: "a1", actorRole: null, action: "note", fromStatus: null, toStatus: null, note: null, internal: true }) as Omit<
        ReportEvent,
        "id"
      >,
  },
  {
    name: "audit_event",
    entity: AuditEventEntity,
    key: "subjectId",
    row: (subjectId) =>
      ({
        at: AT,
        actorId: null,
        action: "report.received",
        subjectType: "report",
        subjectId,
        detail: JSON.stringify({ note: AWKWARD, n: 1, flag: false, list: [null, "'"] }),
      }) as Omit<AuditEvent, "id">,
  },
  {
    name: "notification",
    entity: NotificationEntity,
    key: "dedupeKey",
    row: (dedupeKey) =>
      ({
        dedupeKey,
        channel: "bot",
        kind: "report_received",
        recipientType: "account",
        recipientId: "acc-1",
        payload: JSON.stringify({ text: AWKWARD }),
        dueAt: AT,
        status: "pending",
        nextAttemptAt: LATER,
        leaseUntil: null,
        sentAt: null,
        lastError: null,
        createdAt: AT,
      }) as Omit<Notification, "id" | "attempts">,
  },
  {
    name: "alert_batch_row",
    entity: AlertBatchRowEntity,
    key: "batchId",
    row: (batchId): AlertBatchRow => ({
      batchId,
      rowNo: 2,
      outcome: "skipped",
      villageCode: null,
      reportId: null,
      commitNo: null,
      sealedInput: null,
      problems: JSON.stringify({ errors: [AWKWARD] }),
    }),
  },
];

describe.each(testEngines())("insertRows writes what TypeORM's own insert writes (%s)", (engine) => {
  let database: TestDatabase;
  let db: DataSource;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
    db = await openDatabase(database.url);
  });
  afterAll(async () => {
    await db.destroy();
    await database.drop();
  });

  /** The stored row, read back through the entity, without its generated id, and the key the test chose (also inside other unique fields) as KEY. */
  const stored = async (entity: EntitySchema<ObjectLiteral>, key: string, value: string) => {
    const rows = await db.getRepository(entity).find({ where: { [key]: value } });
    return rows.map(({ id: _id, ...rest }) =>
      Object.fromEntries(
        Object.entries(rest).map(([k, v]) => [
          k,
          typeof v === "string" ? v.replaceAll(value, "KEY").replaceAll(value.slice(0, 2) + value.slice(-8), "KEY") : v,
        ]),
      ),
    );
  };

  // fails if: a value is converted differently from TypeORM (a date shifted by the time zone or cut to seconds,
  // a boolean stored as "true", a default column left NULL, a quote or a 🌾 mangled, a placeholder spliced into text)
  it.each(SAMPLES)("$name: the same row back as through TypeORM's insert, in and outside a transaction", async ({ entity, key, row }) => {
    const tag = `${engine}-${key}-${Math.random().toString(36).slice(2, 10)}`;
    await db.getRepository(entity).insert(row(`qb-${tag}`));
    expect(await insertRows(db, entity, [row(`rw-${tag}`)])).toBe(1);
    await inTransaction(db, (tx) => insertRows(tx, entity, row(`tx-${tag}`)));
    const expected = await stored(entity, key, `qb-${tag}`);
    expect(expected).toHaveLength(1);
    expect(await stored(entity, key, `rw-${tag}`)).toEqual(expected);
    expect(await stored(entity, key, `tx-${tag}`)).toEqual(expected);
  });

  // fails if: orIgnore counts rows it ignored, or a long list loses rows between its statements
  it("with orIgnore, counts only the rows whose key was new; a list too long for one statement goes in whole", async () => {
    const batchId = `b-${engine}-${Date.now()}`;
    const rows = (from: number, to: number): AlertBatchRow[] =>
      Array.from({ length: to - from }, (_, i) => ({
        batchId,
        rowNo: from + i,
        outcome: "pending",
        villageCode: "231226100201",
        reportId: null,
        commitNo: null,
        sealedInput: `s${from + i}`,
        problems: null,
      }));
    // 8 columns: 3,750 rows a statement
    expect(await insertRows(db, AlertBatchRowEntity, rows(0, 5000), { orIgnore: true })).toBe(5000);
    expect(await insertRows(db, AlertBatchRowEntity, rows(4990, 5010), { orIgnore: true })).toBe(10);
    expect(await db.getRepository(AlertBatchRowEntity).countBy({ batchId })).toBe(5010);
    expect((await db.getRepository(AlertBatchRowEntity).findOneByOrFail({ batchId, rowNo: 4995 })).sealedInput).toBe("s4995");
  });
});
