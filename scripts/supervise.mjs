/**
 * `npm run start:production`: runs the production server (`node --max-old-space-size=224
 * build/index.js`) and starts it again whenever it dies — a crash, the heap limit, a kill —
 * after a pause that doubles with each quick failure (1 s up to 30 s; back to 1 s once a server
 * has run for a minute). Every exit and restart is logged on standard error with the exit code
 * or signal. SIGTERM and SIGINT are passed to the server, which stops cleanly, and then this
 * stops too. A server that exits before it ever listened (a setting it cannot use, say) is not
 * restarted: its message says what to fix.
 *
 * Plain Node, no TypeScript loader: it runs where only build/, public/ and the production
 * dependencies are installed. A systemd unit with `Restart=on-failure` (README) does the same
 * job and may be used instead.
 */
import { spawn } from "node:child_process";

const SERVER = ["--max-old-space-size=224", "build/index.js"];
const FIRST_PAUSE_MS = 1_000;
const LONGEST_PAUSE_MS = 30_000;
const STEADY_MS = 60_000;

let server = null;
let pause = FIRST_PAUSE_MS;
let restarts = 0;
let everListened = false;
let stopping = false;
let waiting = null;

function log(message) {
  console.error(`${new Date().toISOString()} supervisor: ${message}`);
}

function start() {
  waiting = null;
  const startedAt = Date.now();
  // The IPC channel carries one message: the server saying it is listening (scripts/start.ts).
  const child = spawn(process.execPath, SERVER, { stdio: ["inherit", "inherit", "inherit", "ipc"] });
  server = child;
  log(`started the server (pid ${child.pid})`);
  child.on("message", (message) => {
    if (message && typeof message === "object" && "listening" in message) everListened = true;
  });
  child.on("error", (error) => log(`could not start the server: ${error.message}`));
  child.on("exit", (code, signal) => {
    server = null;
    const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
    if (stopping) {
      log(`the server (pid ${child.pid}) ${how}; stopped`);
      process.exit(signal ? 0 : (code ?? 0));
    }
    if (!signal && code === 0) {
      log(`the server (pid ${child.pid}) exited normally; stopping too`);
      process.exit(0);
    }
    if (!everListened) {
      log(`the server (pid ${child.pid}) ${how} before it started listening; not restarting it (its message above says why)`);
      process.exit(code || 1);
    }
    if (Date.now() - startedAt >= STEADY_MS) pause = FIRST_PAUSE_MS;
    restarts += 1;
    log(`the server (pid ${child.pid}) ${how}; starting it again in ${pause / 1000} s (restart ${restarts})`);
    waiting = setTimeout(start, pause);
    pause = Math.min(pause * 2, LONGEST_PAUSE_MS);
  });
}

for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => {
    if (stopping) {
      // Asked twice: stop now.
      server?.kill("SIGKILL");
      return;
    }
    stopping = true;
    if (server) {
      log(`${signal}: stopping the server (pid ${server.pid})`);
      server.kill(signal);
    } else {
      if (waiting) clearTimeout(waiting);
      log(`${signal}: stopped`);
      process.exit(0);
    }
  });
}

start();
