import { EntitySchema } from "typeorm";

/**
 * Which instance runs a county's cron work until when (docs/scale.md section 4). Taken and
 * renewed by compare-and-set, so two instances never both think they hold it; the lease only
 * divides the work: the ledger and dedupe keys stay the guarantee of once-only.
 */
export interface CountyLease {
  countyCode: string;
  /** The instance id of the last taker ('' before anyone took it). */
  holder: string;
  leaseUntil: Date;
}

export const CountyLeaseEntity = new EntitySchema<CountyLease>({
  name: "CountyLease",
  tableName: "county_lease",
  columns: {
    countyCode: { name: "county_code", type: "varchar", length: 12, primary: true },
    holder: { type: "varchar", length: 64, default: "" },
    leaseUntil: { name: "lease_until", type: "datetime", precision: 3 },
  },
});

/** An instance that ticked lately: how many there are sets each one's fair share of counties. */
export interface CronInstance {
  instanceId: string;
  seenUntil: Date;
}

export const CronInstanceEntity = new EntitySchema<CronInstance>({
  name: "CronInstance",
  tableName: "cron_instance",
  columns: {
    instanceId: { name: "instance_id", type: "varchar", length: 64, primary: true },
    seenUntil: { name: "seen_until", type: "datetime", precision: 3 },
  },
});
