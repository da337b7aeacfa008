import { z } from "zod";

export const SubscriptionSchema = z.strictObject({
  templateIds: z.array(z.string().min(1).max(64)).min(1, "请至少给一个模板").max(10),
});
export type SubscriptionInput = z.infer<typeof SubscriptionSchema>;
