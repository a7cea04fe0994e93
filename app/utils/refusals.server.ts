/**
 * How the routes answer a WorkflowError: the status and the words people see. The one place
 * that turns the workflow's refusals into HTTP.
 */
import { conflict, forbidden, notFound } from "./http.server";
import { WorkflowError, type WorkflowErrorCode } from "../assessment/errors";

export const REFUSALS: Record<WorkflowErrorCode, { status: 403 | 404 | 409; message: string }> = {
  not_editable: { status: 403, message: "You cannot change this section now: the assessment has moved on, or this part is written by someone else." },
  not_signable: { status: 403, message: "You cannot sign this now." },
  role_full: { status: 409, message: "Everyone needed in your role has already signed." },
  wrong_stage: { status: 409, message: "A colleague has moved this assessment on since you opened the page. Reload it to see where it stands." },
  unknown: { status: 404, message: "Not found" },
};

/** The Response for a WorkflowError; anything else is thrown on unchanged. */
export function refusalResponse(error: unknown): Response {
  if (!(error instanceof WorkflowError)) throw error;
  const { status, message } = REFUSALS[error.code];
  return status === 404 ? notFound() : status === 403 ? forbidden(message) : conflict(message);
}
