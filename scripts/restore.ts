/**
 * `npm run restore -- <file>`: puts a backup back as the database. Refused while the app is
 * running on that database (the server keeps `<database>.pid` while it runs), and refused for a
 * file that fails its integrity check; the database being replaced is kept beside it.
 */
import fs from "node:fs";

import { integrityOf, sqliteFileOrExit } from "./sqlite-file";

const backup = process.argv[2];
const target = sqliteFileOrExit();
if (!backup || !fs.existsSync(backup)) {
  console.error("Name the backup to restore: npm run restore -- backups/sli-2026-11-23.sqlite");
  process.exit(2);
}
if (target === ":memory:") {
  console.error("DATABASE_URL names no database file to restore into.");
  process.exit(2);
}
const pidFile = `${target}.pid`;
if (fs.existsSync(pidFile)) {
  const pid = Number(fs.readFileSync(pidFile, "utf8"));
  let running = false;
  try {
    process.kill(pid, 0);
    running = true;
  } catch {
    running = false;
  }
  if (running) {
    console.error(`The app is running on ${target} (process ${pid}). Stop it, then restore.`);
    process.exit(1);
  }
}
const result = integrityOf(backup);
if (result !== "ok") {
  console.error(`${backup} failed its integrity check (${result}); nothing was restored.`);
  process.exit(1);
}
if (fs.existsSync(target)) {
  const kept = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, "-")}`;
  fs.renameSync(target, kept);
  console.log(`Kept the database being replaced as ${kept}.`);
}
for (const extra of ["-wal", "-shm"]) fs.rmSync(`${target}${extra}`, { force: true });
fs.copyFileSync(backup, target);
console.log(`Restored ${backup} to ${target}.`);
