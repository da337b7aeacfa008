import { Foundation1764000000000 } from "./1764000000000-Foundation.js";

/** Every migration, oldest first. The same classes run on SQLite and MySQL/MariaDB. */
export const migrations = [Foundation1764000000000];
