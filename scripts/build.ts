import path from "node:path";
import { pathToFileURL } from "node:url";

import type { ServerBuild } from "@remix-run/node";

/** Loads the server bundle that `remix build` wrote. */
export async function loadBuild(): Promise<ServerBuild> {
  const file = path.resolve("build/index.js");
  try {
    return (await import(pathToFileURL(file).href)) as ServerBuild;
  } catch (error) {
    throw new Error(`Could not load ${file}. Run "npm run build" first. (${String(error)})`);
  }
}
