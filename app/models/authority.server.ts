import type { Authority, Executor, MembershipRole, Region } from "../../db/schema";

export function findAuthorityBySlug(db: Executor, slug: string): Promise<Authority | undefined> {
  return db.selectFrom("authorities").selectAll().where("slug", "=", slug).executeTakeFirst();
}

export function listRegions(db: Executor, ids: number[]): Promise<Region[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom("regions").selectAll().where("id", "in", ids).orderBy("name").execute();
}

export function listAuthoritiesInRegions(db: Executor, regionIds: number[]): Promise<Authority[]> {
  if (regionIds.length === 0) return Promise.resolve([]);
  return db.selectFrom("authorities").selectAll().where("region_id", "in", regionIds).orderBy("name").execute();
}

export interface AuthorityMember {
  userId: string;
  name: string;
  email: string;
  role: MembershipRole;
  disabled: boolean;
}

export async function listAuthorityMembers(db: Executor, authorityId: number): Promise<AuthorityMember[]> {
  const rows = await db
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select(["users.id", "users.name", "users.email", "users.disabled_at", "memberships.role"])
    .where("memberships.authority_id", "=", authorityId)
    .orderBy("users.name")
    .execute();
  return rows.map((r) => ({
    userId: r.id,
    name: r.name,
    email: r.email,
    role: r.role,
    disabled: r.disabled_at !== null,
  }));
}

export async function findAuthorityName(db: Executor, id: number): Promise<string | undefined> {
  return (await db.selectFrom("authorities").select("name").where("id", "=", id).executeTakeFirst())?.name;
}

export async function findRegionName(db: Executor, id: number): Promise<string | undefined> {
  return (await db.selectFrom("regions").select("name").where("id", "=", id).executeTakeFirst())?.name;
}
