import { MEMBERSHIP_ROLES, type MembershipRole } from "../../db/schema";

export const ROLE_LABELS: Record<MembershipRole, string> = {
  editor: "Authority lead (editor)",
  dcs: "Director of children's services",
  chief_executive: "Chief executive",
  lead_member: "Lead member",
  viewer: "Viewer",
};

/**
 * What each role may do for its own authority beyond reading: `writes` drafts and submits the
 * self-assessment; `directs` is its director, named by default as its peer director for others.
 * Who signs what is not here: each sign-off in the template says who signs it.
 */
export const ROLE_CAPABILITIES: Record<MembershipRole, { writes: boolean; directs: boolean }> = {
  editor: { writes: true, directs: false },
  dcs: { writes: true, directs: true },
  chief_executive: { writes: false, directs: false },
  lead_member: { writes: false, directs: false },
  viewer: { writes: false, directs: false },
};

export const INVITABLE_ROLES = [...MEMBERSHIP_ROLES, "coordinator"] as const;

/**
 * What an invitation from the pairing page makes: a person who joins no authority and may do
 * only the challenges they are paired with.
 */
export const PEER_DIRECTOR = "peer_director" as const;
export type InvitableRole = (typeof INVITABLE_ROLES)[number];

export function roleLabel(role: string): string {
  if (role === PEER_DIRECTOR) return "Peer director";
  return role === "coordinator" ? "Regional coordinator" : (ROLE_LABELS[role as MembershipRole] ?? role);
}
