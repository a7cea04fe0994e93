/**
 * Who must use two-step sign-in, and from when. Anyone may turn it on; a regional coordinator
 * — who can read every draft of the region and change who has which role — must. A new
 * coordinator has a fortnight from being made coordinator to set it up (a banner says so on
 * every page); after that, every page sends them to set it up first. See decision record 012.
 */
export const COORDINATOR_GRACE_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface TwoStepState {
  enabled: boolean;
  /** When a coordinator must have turned it on by (unix ms); null when nobody requires it. */
  requiredBy: number | null;
}

export function twoStepState(enabledAt: number | null, coordinatorSince: number | null): TwoStepState {
  return {
    enabled: enabledAt !== null,
    requiredBy: enabledAt === null && coordinatorSince !== null ? coordinatorSince + COORDINATOR_GRACE_DAYS * DAY_MS : null,
  };
}

/** True when the person may use no page but the set-up page until two-step sign-in is on. */
export function mustSetUpNow(state: TwoStepState, at: number): boolean {
  return state.requiredBy !== null && at >= state.requiredBy;
}

export const TWO_STEP_PATH = "/account/two-step";
