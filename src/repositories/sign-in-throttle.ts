import type { DataSource, EntityManager } from "typeorm";
import { SignInThrottleEntity, type SignInThrottle } from "../db/entities/sign-in-throttle.js";
import type { ThrottleState } from "../domain/sign-in-throttle.js";
import { isUniqueViolation } from "../db/unique-violation.js";

type Db = DataSource | EntityManager;

export const findThrottle = (db: Db, phoneHash: string): Promise<SignInThrottle | null> => db.getRepository(SignInThrottleEntity).findOneBy({ phoneHash });
export const deleteThrottle = (db: Db, phoneHash: string) => db.getRepository(SignInThrottleEntity).delete({ phoneHash });

/** Stores the state; a row another instance inserted meanwhile is updated instead. */
export async function saveThrottle(db: EntityManager, phoneHash: string, state: ThrottleState, exists: boolean): Promise<void> {
  const repo = db.getRepository(SignInThrottleEntity);
  if (!exists) {
    try {
      await repo.insert({ phoneHash, ...state });
      return;
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
  }
  await repo.update({ phoneHash }, state);
}
