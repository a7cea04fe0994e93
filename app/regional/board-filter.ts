/**
 * The regional offer board's view as it lives in the URL (?show=request&theme=kinship_care&q=…
 * &page=2), so a view can be shared, bookmarked and used without JavaScript. Anything odd in
 * the URL falls back to "everything" rather than failing. Shared by browser and server.
 */
import { z } from "zod";

export const BOARD_PAGE_SIZE = 20;
export const SEARCH_MAX_LENGTH = 200;

const key = z.string().regex(/^[a-z0-9_-]{1,60}$/);

export const boardFilterSchema = z.object({
  show: z.enum(["all", "offer", "request"]).catch("all"),
  theme: key.optional().catch(undefined),
  support: key.optional().catch(undefined),
  authority: key.optional().catch(undefined),
  q: z
    .string()
    .transform((s) => s.trim().slice(0, SEARCH_MAX_LENGTH))
    .catch(""),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export type BoardView = z.infer<typeof boardFilterSchema>;

export function parseBoardView(params: URLSearchParams): BoardView {
  const raw = Object.fromEntries([...params.keys()].map((k) => [k, params.get(k) || undefined]));
  return boardFilterSchema.parse({ q: "", ...raw });
}

/** The query string for a view; defaults are left out so URLs stay short. */
export function boardQueryString(view: BoardView, changes: Partial<BoardView> = {}): string {
  const next = { ...view, ...changes };
  const params = new URLSearchParams();
  if (next.show !== "all") params.set("show", next.show);
  if (next.theme) params.set("theme", next.theme);
  if (next.support) params.set("support", next.support);
  if (next.authority) params.set("authority", next.authority);
  if (next.q) params.set("q", next.q);
  if (next.page > 1) params.set("page", String(next.page));
  const text = params.toString();
  return text ? `?${text}` : "";
}
