import type { Extensions } from "@tiptap/core";
import { Bold } from "@tiptap/extension-bold";
import { Document } from "@tiptap/extension-document";
import { HardBreak } from "@tiptap/extension-hard-break";
import { Heading } from "@tiptap/extension-heading";
import { Italic } from "@tiptap/extension-italic";
import { Link } from "@tiptap/extension-link";
import { BulletList, ListItem, ListKeymap, OrderedList } from "@tiptap/extension-list";
import { Paragraph } from "@tiptap/extension-paragraph";
import { Text } from "@tiptap/extension-text";
import { UndoRedo } from "@tiptap/extensions";

import { LINK_REL, toLinkHref } from "./links";

/** Heading levels offered in answers: level 1 belongs to the page itself. */
export const HEADING_LEVELS = [2, 3, 4] as const;

/**
 * The one list of TipTap extensions used by the editor (browser) and by the
 * server's check and render. Anything not switched on here cannot be stored.
 */
export const richTextExtensions: Extensions = [
  // Content we allow. (Listed one by one rather than through StarterKit, which brings code
  // blocks, quotes, rules, strike, underline and cursors into the browser even when switched off.)
  Document,
  Text,
  Paragraph,
  Heading.configure({ levels: [...HEADING_LEVELS] }),
  Bold,
  Italic,
  BulletList,
  OrderedList,
  ListItem,
  HardBreak,
  Link.configure({
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
  }),
  // Editor behaviour only (no stored content): undo and the list keys.
  UndoRedo,
  ListKeymap,
];
