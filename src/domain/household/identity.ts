import { createHash } from "node:crypto";

/**
 * What identifies a household at risk within its village (seed 001: 以家庭为单位): the head's ID
 * number, or the head's name together with the household's own phone. Never the reporter's phone
 * or account: a neighbour who leaves their own number reports for a household, they do not become it.
 * Numbers arrive as keyed lookup hashes (field-crypto), so this rule never sees them in clear.
 */
export interface HouseholdIdentity {
  headName: string;
  idHash: string | null;
  /** The household's own phone, never the reporter's. */
  phoneHash: string | null;
}

/** How a household is looked up in its village: by ID number first, else by head's name with phone. */
export interface HouseholdMatch {
  idHash: string | null;
  namePhone: { headName: string; phoneHash: string } | null;
}

/** The head's name as compared: spaces typed inside or around a Chinese name mean nothing. */
export const headNameKey = (name: string): string => name.normalize("NFKC").replace(/\s+/g, "");

/** The one matching rule, as a lookup: same ID number, or same head's name and same household phone. */
export function matchOf(h: HouseholdIdentity): HouseholdMatch {
  const headName = headNameKey(h.headName);
  return { idHash: h.idHash, namePhone: h.phoneHash && headName ? { headName, phoneHash: h.phoneHash } : null };
}

/** Whether two records name the same household (the rule `matchOf` looks up; for tests and merging). */
export function isSameHousehold(a: HouseholdIdentity, b: HouseholdIdentity): boolean {
  if (a.idHash && b.idHash && a.idHash === b.idHash) return true;
  const [x, y] = [matchOf(a).namePhone, matchOf(b).namePhone];
  return x !== null && y !== null && x.phoneHash === y.phoneHash && x.headName === y.headName;
}

/** The key prefix of a household nobody can match (no ID number, no phone): never equal to a number's key. */
export const UNMATCHED_KEY_PREFIX = "u:";

/**
 * The household's unique key within its village, so two first reports racing cannot make it twice:
 * "i:<id hash>", else "n:<hash of phone hash and head's name>", else null (unmatchable: the caller
 * gives it an "u:" key of its own).
 */
export function matchKeyOf(h: HouseholdIdentity): string | null {
  const m = matchOf(h);
  if (m.idHash) return `i:${m.idHash}`;
  if (m.namePhone) return `n:${namePhoneKey(m.namePhone.phoneHash, m.namePhone.headName)}`;
  return null;
}

/** sha256 of an already keyed phone hash and the name: 64 hex characters, so the key fits varchar(66). */
export const namePhoneKey = (phoneHash: string, headName: string): string =>
  createHash("sha256")
    .update(`${phoneHash}|${headNameKey(headName)}`)
    .digest("hex");

export const isUnmatchedHousehold = (h: { matchKey: string }): boolean => h.matchKey.startsWith(UNMATCHED_KEY_PREFIX);
