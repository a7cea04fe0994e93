/** Link rules shared by the editor, the paste clean-up and the server check. */

/** Every stored link is rendered with this rel, whatever the document says. */
export const LINK_REL = "noopener noreferrer nofollow";

export const MAX_HREF_LENGTH = 2_000;

/**
 * True when `href` is an absolute http(s) or mailto address.
 * We parse it the way a browser would (the URL parser ignores tabs, newlines and
 * leading control characters), so "java\tscript:" is caught as well.
 */
export function isAllowedHref(href: unknown): href is string {
  if (typeof href !== "string" || href.length === 0 || href.length > MAX_HREF_LENGTH) return false;
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return false;
  }
  if (url.protocol === "mailto:") return url.pathname.length > 0;
  return (url.protocol === "http:" || url.protocol === "https:") && url.hostname.length > 0;
}

const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * Turn what someone typed into a link address we accept, or undefined.
 * "example.org/page" becomes "https://example.org/page"; "name@example.org" becomes
 * "mailto:name@example.org"; anything with another scheme (javascript:, ftp:) is refused.
 */
export function toLinkHref(input: string): string | undefined {
  const typed = input.trim();
  if (!typed) return undefined;
  const hostAndPort = /^(localhost|[^:/]+\.[^:/]+):\d/i.test(typed); // "example.org:8080" has no scheme
  if (HAS_SCHEME.test(typed) && !hostAndPort) return isAllowedHref(typed) ? typed : undefined;
  const href = /^[^\s/@]+@[^\s/@]+\.[^\s/@]+$/.test(typed) ? `mailto:${typed}` : `https://${typed.replace(/^\/+/, "")}`;
  return isAllowedHref(href) ? href : undefined;
}
