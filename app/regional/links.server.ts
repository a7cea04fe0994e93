import type { Actor } from "../auth/actor.server";

/** Where "Year on year" goes: the person's own authority in the region, else the region's first. */
export function trendsHrefFor(actor: Actor, regionId: number, authorities: Array<{ id: number; slug: string }>): string | null {
  const own = actor.memberships.find((m) => m.regionId === regionId);
  const slug = own?.authoritySlug ?? authorities[0]?.slug;
  return slug ? `/authorities/${slug}/trends` : null;
}
