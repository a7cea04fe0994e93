/** The progress board's sort, in the URL so it works without JavaScript. Shared by browser and server. */
import { z } from "zod";

const SORTS = ["authority", "stage", "complete", "late", "edited"] as const;

export const progressViewSchema = z.object({
  sort: z.enum(SORTS).catch("authority"),
  dir: z.enum(["asc", "desc"]).catch("asc"),
});
export type ProgressView = z.infer<typeof progressViewSchema>;

export function parseProgressView(params: URLSearchParams): ProgressView {
  return progressViewSchema.parse({ sort: params.get("sort") ?? undefined, dir: params.get("dir") ?? undefined });
}

export function progressQuery(view: ProgressView): string {
  return view.sort === "authority" && view.dir === "asc" ? "" : `?sort=${view.sort}&dir=${view.dir}`;
}
