/**
 * Where to send someone after signing in (`redirectTo`): only a path of this site, or the
 * fallback. The target is parsed as a URL against this site's origin, the way a browser would
 * read the Location header, and kept only if it stays on that origin; the path, query and
 * fragment the parser saw are what we send. Any control character, whitespace or invisible
 * format character is refused outright: browsers drop some of them (`/\t/evil.example` becomes
 * `//evil.example`, another site), and a Location header cannot carry others at all.
 */
const SITE = "http://this-site.invalid";
/** Control (Cc), format (Cf: zero-width, bidi), separators (Z: \u3000, \u2028…) and every other whitespace. */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Z}\s]/u;

export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (!to || typeof to !== "string" || to.length > 2000) return fallback;
  if (!to.startsWith("/") || UNSAFE.test(to)) return fallback;
  let url: URL;
  try {
    url = new URL(to, SITE);
  } catch {
    return fallback;
  }
  // "//evil.example", "/\\evil.example" and the like name another host: refused.
  if (url.origin !== SITE) return fallback;
  const path = url.pathname + url.search + url.hash;
  // What the parser made of it must still read as a path of ours on its own.
  return path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\") ? path : fallback;
}
