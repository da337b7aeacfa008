import { EntitySchema } from "typeorm";

/** How many subscribe messages of a template a farmer has allowed us to send (each tap grants one). */
export interface SubscriptionQuota {
  accountId: string;
  templateId: string;
  remaining: number;
}

export const SubscriptionQuotaEntity = new EntitySchema<SubscriptionQuota>({
  name: "SubscriptionQuota",
  tableName: "subscription_quota",
  columns: {
    accountId: { name: "account_id", type: "varchar", length: 36, primary: true },
    templateId: { name: "template_id", type: "varchar", length: 64, primary: true },
    remaining: { type: "int" },
  },
});
