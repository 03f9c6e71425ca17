import { InitialSchema1795468282162 } from "./1795468282162-InitialSchema.js";

/** Every migration, in order, listed explicitly: globs do not load .ts files inside vitest. */
export const migrations = [InitialSchema1795468282162];
