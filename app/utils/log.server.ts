/**
 * The server's log is lines of text; anything a request carried (a decoded address, a form
 * field, a header echoed in an error message) must not be able to start a line of its own, or a
 * log reader could be shown a forged entry. Every line the server writes about a request goes
 * through here, with control characters written out as escapes.
 */

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
const NAMED: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/** The text with every control character (CR, LF, NUL, VT, …) and line separator written as an escape. */
export function escapeForLog(text: string): string {
  return text.replace(CONTROL, (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/**
 * An error as log lines: its name and message escaped onto one line, then its stack frames (the
 * code's own lines, each escaped too), so a message carrying a line break cannot pose as more.
 */
export function describeErrorForLog(error: unknown): string {
  if (!(error instanceof Error)) return escapeForLog(String(error));
  const head = `${error.name}: ${error.message}`;
  const stack = error.stack ?? "";
  // A stack that does not begin with the message (it was changed after the error was made) is kept whole, on one line.
  if (!stack.startsWith(head)) return escapeForLog(stack || head);
  const rest = stack.slice(head.length);
  const frames = rest
    .split("\n")
    .filter((line) => /^\s+at /.test(line))
    .map((line) => escapeForLog(line));
  return [escapeForLog(head), ...frames].join("\n");
}

/** Logs a failure while serving a request: the method, the address asked for and the error, with nothing raw from the request. */
export function logRequestError(method: string, target: string, error: unknown): void {
  console.error(`Error while answering ${escapeForLog(method)} ${escapeForLog(target)}: ${describeErrorForLog(error)}`);
}
