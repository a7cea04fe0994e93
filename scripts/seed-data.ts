import type { Kysely } from "kysely";

import type { Database, MembershipRole } from "../db/schema";
import { hashPassword } from "../app/auth/password.server";
import { createUser } from "../app/models/user.server";

/** The North East's 12 authorities with their ONS codes. */
export const NORTH_EAST_AUTHORITIES = [
  { slug: "darlington", name: "Darlington", ons: "E06000005" },
  { slug: "durham", name: "Durham", ons: "E06000047" },
  { slug: "gateshead", name: "Gateshead", ons: "E08000037" },
  { slug: "hartlepool", name: "Hartlepool", ons: "E06000001" },
  { slug: "middlesbrough", name: "Middlesbrough", ons: "E06000002" },
  { slug: "newcastle", name: "Newcastle", ons: "E08000021" },
  { slug: "north-tyneside", name: "North Tyneside", ons: "E08000022" },
  { slug: "northumberland", name: "Northumberland", ons: "E06000057" },
  { slug: "redcar-cleveland", name: "Redcar and Cleveland", ons: "E06000003" },
  { slug: "south-tyneside", name: "South Tyneside", ons: "E08000023" },
  { slug: "stockton-on-tees", name: "Stockton-on-Tees", ons: "E06000004" },
  { slug: "sunderland", name: "Sunderland", ons: "E08000024" },
] as const;

const FIRST_NAMES = ["Amira", "Ben", "Cerys", "Dev", "Eleanor", "Fraser", "Grace", "Harvey", "Imani", "Joel", "Kirsty", "Liam", "Maya", "Niall", "Orla", "Priya"];
const SURNAMES = ["Ashworth", "Bell", "Charlton", "Dodds", "Elliott", "Forster", "Gibson", "Hedley", "Irving", "Jobling", "Kell", "Lamb", "Milburn", "Nixon", "Oliver", "Pattinson"];

const DEMO_ROLES: { prefix: string; role: MembershipRole; title: string }[] = [
  { prefix: "lead", role: "editor", title: "SLI lead" },
  { prefix: "dcs", role: "dcs", title: "Director of Children's Services" },
  { prefix: "ceo", role: "chief_executive", title: "Chief Executive" },
  { prefix: "member", role: "lead_member", title: "Lead Member for Children" },
];

function demoName(index: number): string {
  return `${FIRST_NAMES[index % FIRST_NAMES.length]} ${SURNAMES[(index * 7 + 3) % SURNAMES.length]}`;
}

/**
 * Seeds the demo region into an empty database. Returns false (and changes nothing) when any
 * region already exists, so it is safe to run at every start.
 */
export async function seedIfEmpty(db: Kysely<Database>, demoPassword: string): Promise<boolean> {
  const existing = await db.selectFrom("regions").select("id").limit(1).executeTakeFirst();
  if (existing) return false;
  // Every demo account shares one password, so hash it once.
  const passwordHash = await hashPassword(demoPassword);
  await db.transaction().execute(async (trx) => {
    const t = Date.now();
    const region = await trx
      .insertInto("regions")
      .values({ name: "North East", slug: "north-east", created_at: t })
      .returning("id")
      .executeTakeFirstOrThrow();
    const coordinator = await createUser(trx, { email: "coordinator@northeast.example", name: "Sam Robson", passwordHash });
    await trx.insertInto("coordinators").values({ user_id: coordinator.id, region_id: region.id, created_at: t }).execute();

    let person = 0;
    for (const a of NORTH_EAST_AUTHORITIES) {
      const authority = await trx
        .insertInto("authorities")
        .values({ region_id: region.id, name: a.name, slug: a.slug, ons_code: a.ons, created_at: t })
        .returning("id")
        .executeTakeFirstOrThrow();
      for (const r of DEMO_ROLES) {
        const user = await createUser(trx, { email: `${r.prefix}@${a.slug}.example`, name: demoName(person++), passwordHash });
        await trx.insertInto("memberships").values({ user_id: user.id, authority_id: authority.id, role: r.role, created_at: t }).execute();
      }
    }
  });
  return true;
}
