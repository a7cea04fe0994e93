/**
 * What the workflow refuses, as domain errors: routes map each code to an HTTP status and
 * the words people see (app/utils/http.server.ts). Never thrown for a person's typing: those
 * are validation results returned to the form.
 */
export type WorkflowErrorCode =
  /** The person may not write this part of the section at this stage (checked again inside the transaction). */
  | "not_editable"
  /** The person may not sign this sign-off at this stage. */
  | "not_signable"
  /** Every place in the role is already taken by someone else's signature. */
  | "role_full"
  /** The assessment is not at the stage this step starts from (a colleague moved it on first). */
  | "wrong_stage"
  /** No such sign-off field, section or version in this assessment's template. */
  | "unknown";

export class WorkflowError extends Error {
  constructor(
    readonly code: WorkflowErrorCode,
    detail?: string,
  ) {
    super(detail ?? code);
    this.name = "WorkflowError";
  }
}
