import { buildMiniprogram } from "../../scripts/build-miniprogram.js";

/** Compiles the mini-program once per test run, so its tests render fresh pages. */
export default async function setup() {
  await buildMiniprogram();
}
