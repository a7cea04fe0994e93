import type { Extensions } from "@tiptap/core";
import StarterKit from "@tiptap/starter-kit";

import { LINK_REL, toLinkHref } from "./links";

/** Heading levels offered in answers: level 1 belongs to the page itself. */
export const HEADING_LEVELS = [2, 3, 4] as const;

/**
 * The one list of TipTap extensions used by the editor (browser) and by the
 * server's check and render. Anything not switched on here cannot be stored.
 */
export const richTextExtensions: Extensions = [
  StarterKit.configure({
    // Content we allow.
    paragraph: {},
    heading: { levels: [...HEADING_LEVELS] },
    bold: {},
    italic: {},
    bulletList: {},
    orderedList: {},
    listItem: {},
    hardBreak: {},
    link: {
      openOnClick: false,
      autolink: true,
      linkOnPaste: true,
      defaultProtocol: "https",
      // `protocols` can only add schemes to TipTap's default list (which includes
      // ftp, tel, sms…), so the restriction to http, https and mailto is made here.
      // Bare "example.org" passes so autolink works; linkify then stores it with https://.
      // A link dialog should store toLinkHref(input), which the server accepts.
      protocols: [],
      isAllowedUri: (url) => toLinkHref(url) !== undefined,
      HTMLAttributes: { target: null, rel: LINK_REL, class: null },
    },
    // Content we do not allow.
    blockquote: false,
    code: false,
    codeBlock: false,
    horizontalRule: false,
    strike: false,
    underline: false,
    // Editor behaviour only (no stored content): keep undo and list keys, drop the rest.
    gapcursor: false,
    trailingNode: false,
    dropcursor: false,
  }),
];
