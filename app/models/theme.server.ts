import type { Executor } from "../../db/schema";
import { atomically } from "../../db/transaction";
import type { RegionTheme } from "../regional/vocabulary";
import type { OptionDefinition } from "../template/definition";
import { now } from "../utils/clock.server";

export interface RegionThemeRow extends RegionTheme {
  id: number;
  position: number;
}

/** The region's themes in their order, retired ones included (they still label old items). */
export async function listRegionThemes(db: Executor, regionId: number): Promise<RegionThemeRow[]> {
  const rows = await db
    .selectFrom("region_themes")
    .select(["id", "key", "label", "position", "retired_at"])
    .where("region_id", "=", regionId)
    .orderBy("position")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({ id: r.id, key: r.key, label: r.label, position: r.position, retired: r.retired_at !== null }));
}

/** A region starts with the template's themes the first time a cycle opens for it. */
export async function ensureRegionThemes(db: Executor, regionId: number, starting: readonly OptionDefinition[]): Promise<void> {
  const any = await db.selectFrom("region_themes").select("id").where("region_id", "=", regionId).limit(1).executeTakeFirst();
  if (any || starting.length === 0) return;
  const t = now();
  await db
    .insertInto("region_themes")
    .values(starting.map((option, position) => ({ region_id: regionId, key: option.value, label: option.label, position, created_at: t })))
    .execute();
}

/** Adds a theme at the end; its key is made from the label and kept for ever. Null when the label is taken. */
export async function addRegionTheme(db: Executor, regionId: number, label: string): Promise<RegionThemeRow | null> {
  return atomically(db, async (trx) => {
    const themes = await listRegionThemes(trx, regionId);
    if (themes.some((t) => t.label.toLowerCase() === label.toLowerCase())) return null;
    const base = themeKeyFrom(label);
    let key = base;
    for (let n = 2; themes.some((t) => t.key === key); n++) key = `${base}_${n}`;
    const position = themes.reduce((most, t) => Math.max(most, t.position), -1) + 1;
    const row = await trx
      .insertInto("region_themes")
      .values({ region_id: regionId, key, label, position, created_at: now() })
      .returning("id")
      .executeTakeFirstOrThrow();
    return { id: row.id, key, label, position, retired: false };
  });
}

/** A key for a new theme: lower-case words joined by underscores, as the template's keys are. */
export function themeKeyFrom(label: string): string {
  const words = label
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .match(/[a-z0-9]+/g);
  const key = (words ?? ["theme"]).join("_").slice(0, 40).replace(/_+$/, "");
  return /^[a-z]/.test(key) ? key : `theme_${key}`;
}

/** Renames a theme; every item tagged with it shows the new name. False when another theme has that name. */
export async function renameRegionTheme(db: Executor, regionId: number, themeId: number, label: string): Promise<boolean> {
  return atomically(db, async (trx) => {
    const clash = await trx
      .selectFrom("region_themes")
      .select("id")
      .where("region_id", "=", regionId)
      .where("id", "!=", themeId)
      .where((eb) => eb(eb.fn("lower", ["label"]), "=", label.toLowerCase()))
      .executeTakeFirst();
    if (clash) return false;
    await trx.updateTable("region_themes").set({ label }).where("id", "=", themeId).where("region_id", "=", regionId).execute();
    return true;
  });
}

/** Retires a theme (offered to nobody new, kept on what already has it), or brings it back. */
export async function setRegionThemeRetired(db: Executor, regionId: number, themeId: number, retired: boolean): Promise<void> {
  await db
    .updateTable("region_themes")
    .set({ retired_at: retired ? now() : null })
    .where("id", "=", themeId)
    .where("region_id", "=", regionId)
    .execute();
}
