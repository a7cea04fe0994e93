/**
 * A sign-off: which sections it covers, and for each role how many people sign and who they
 * are (a role people hold in the authority, or the peer directors assigned to the challenge).
 * Its value is never stored with the answers: signatures are records of their own; for
 * completeness, its value is the role key of each valid signature.
 */
import { z } from "zod";

import { MEMBERSHIP_ROLES } from "../../../db/schema";
import { lowerFirst } from "../columns";
import { fieldBase, keySchema, limit, templateError, wording } from "../schema-parts";
import type { FieldKindModule } from "./types";

/** `signedBy` for the peer directors assigned to challenge the assessment. */
export const PEER_SIGNER = "peer" as const;
/** How many peer directors challenge one assessment. */
export const PEERS_PER_CHALLENGE = 2;

const SIGNERS = [...MEMBERSHIP_ROLES, PEER_SIGNER] as const;

const roleSchema = z.strictObject({
  key: keySchema,
  title: wording,
  /** How many different people in this role must sign (two peer directors, say). */
  signers: limit,
  /** Who signs: people holding this role in the authority, or the assigned peer directors. */
  signedBy: z.enum(SIGNERS, { error: `must be one of ${SIGNERS.join(", ")}` }),
});

export const signOffDefinition = z.strictObject({
  ...fieldBase,
  kind: z.literal("signOff"),
  /** The sections whose content the signatures cover, as written by this sign-off's side. */
  covers: z.array(keySchema, { error: "must list the sections it covers" }).min(1, "must cover at least one section"),
  roles: z.array(roleSchema).min(1, "needs at least one role"),
});
export type SignOffField = z.infer<typeof signOffDefinition>;

/** The role key of each valid signature (a role needing two signers appears twice when both have signed). */
export type SignedRoles = string[];

export const signOffKind: FieldKindModule<SignOffField> = {
  definition: signOffDefinition,
  check: (field, where, { template, sectionAuthor }) => {
    const seen = new Set<string>();
    for (const role of field.roles) {
      if (seen.has(role.key)) templateError(`${where} role "${role.key}" is used more than once`);
      seen.add(role.key);
      const peer = role.signedBy === PEER_SIGNER;
      if (sectionAuthor === "peers" && !peer) {
        templateError(`${where} role "${role.key}" is signed by "${role.signedBy}", but only the peer directors sign in a section they write`);
      }
      if (sectionAuthor !== "peers" && peer) {
        templateError(`${where} role "${role.key}" is signed by the peers, but this sign-off is in a section the authority writes`);
      }
    }
    const peerSigners = field.roles.filter((role) => role.signedBy === PEER_SIGNER).reduce((n, role) => n + role.signers, 0);
    if (peerSigners > PEERS_PER_CHALLENGE) {
      templateError(`${where} needs ${peerSigners} peer signatures, but only ${PEERS_PER_CHALLENGE} peer directors challenge an assessment`);
    }
    for (const key of field.covers) {
      const section = template.sections.find((s) => s.key === key);
      if (!section) templateError(`${where} covers section "${key}", which the template does not have`);
      if (section.fields.every((f) => f.kind === "signOff")) templateError(`${where} covers section "${key}", which has nothing to sign`);
    }
  },
  valueSchema: () => z.array(z.string({ error: "Signed roles must be role names" })),
  progress: (field, value) => {
    const signed = value as SignedRoles;
    const problems: string[] = [];
    for (const role of field.roles) {
      const waiting = role.signers - signed.filter((key) => key === role.key).length;
      if (waiting <= 0) continue;
      problems.push(
        role.signers === 1
          ? `waiting for the ${lowerFirst(role.title)} to sign`
          : `waiting for ${waiting} more ${lowerFirst(role.title)}${waiting === 1 ? "" : "s"} to sign`,
      );
    }
    return { started: signed.length > 0, problems };
  },
  notStarted: () => "not signed yet",
  plainText: () => "",
  richText: () => [],
  rows: () => null,
  // Signatures are records of their own: the export lists them with the sign-off, not as an answer.
  word: () => [],
  // Signatures are made in the app, never imported.
  fromWord: () => undefined,
};
