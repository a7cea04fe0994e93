/**
 * Building or reading a Word document holds tens of megabytes while it runs; ten at once would
 * take the server's memory past what a small virtual machine has. Such work waits its turn in
 * a short queue: one at a time (HEAVY_WORK_AT_ONCE to allow more), so memory stays bounded and
 * the whole queue still finishes as fast (the work is JavaScript on the one event loop either
 * way).
 */
const AT_ONCE = Math.max(1, Number(process.env.HEAVY_WORK_AT_ONCE) || 1);

let running = 0;
const waiting: Array<() => void> = [];

export async function heavyWork<T>(work: () => Promise<T> | T): Promise<T> {
  if (running >= AT_ONCE) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}
