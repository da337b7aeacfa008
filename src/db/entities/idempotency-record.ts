import { EntitySchema } from "typeorm";

/** The first answer to an Idempotency-Key, replayed for retries of the same request. */
export interface IdempotencyRecord {
  scope: string;
  key: string;
  requestHash: string;
  state: "in_flight" | "done";
  responseStatus: number | null;
  responseBody: string | null;
  createdAt: Date;
}

export const IdempotencyRecordEntity = new EntitySchema<IdempotencyRecord>({
  name: "IdempotencyRecord",
  tableName: "idempotency_record",
  columns: {
    scope: { type: "varchar", length: 64, primary: true },
    key: { name: "idem_key", type: "varchar", length: 128, primary: true },
    requestHash: { name: "request_hash", type: "varchar", length: 64 },
    state: { type: "varchar", length: 16 },
    responseStatus: { name: "response_status", type: "int", nullable: true },
    responseBody: { name: "response_body", type: "text", nullable: true },
    createdAt: { name: "created_at", type: "datetime", precision: 3 },
  },
});
