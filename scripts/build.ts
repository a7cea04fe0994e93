import path from "node:path";
import { pathToFileURL } from "node:url";

/** What the server bundle (build/index.js, made from scripts/start.ts) hands out to tests and the benchmark. */
export type ServerModule = typeof import("./start");

/** Loads the server bundle that `remix build` wrote: the one copy of the app in this process. */
export async function loadServer(): Promise<ServerModule> {
  const file = path.resolve("build/index.js");
  try {
    return (await import(pathToFileURL(file).href)) as ServerModule;
  } catch (error) {
    throw new Error(`Could not load ${file}. Run "npm run build" first. (${String(error)})`);
  }
}
