import { json } from "@remix-run/node";
import type { z } from "zod";

export interface FormErrors {
  /** Field name → first message for it. */
  fieldErrors: Record<string, string>;
  /** Messages that belong to no single field. */
  formErrors: string[];
  /** What the person typed, so a failed submit loses nothing (passwords are never echoed). */
  values: Record<string, string>;
}

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FormErrors };

const NEVER_ECHO = /password|token|^code$/i;

function echoValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === "string" && !NEVER_ECHO.test(key) && !key.startsWith("_")) values[key] = value;
  }
  return values;
}

/** Reads the request's form and parses it with the schema; missing fields arrive as undefined. */
export async function parseForm<S extends z.ZodType>(
  request: Request,
  schema: S,
): Promise<FormResult<z.infer<S>> & { formData: FormData }> {
  let formData: FormData;
  try {
    formData = await request.formData();
  } catch {
    formData = new FormData();
  }
  return { ...parseFormData(formData, schema), formData };
}

export function parseFormData<S extends z.ZodType>(formData: FormData, schema: S): FormResult<z.infer<S>> {
  const raw: Record<string, unknown> = {};
  for (const [key, value] of formData.entries()) {
    if (key in raw) {
      const existing = raw[key];
      raw[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
    } else {
      raw[key] = value;
    }
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, data: parsed.data };
  const fieldErrors: Record<string, string> = {};
  const formErrors: string[] = [];
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if (typeof field === "string") fieldErrors[field] ??= issue.message;
    else formErrors.push(issue.message);
  }
  return { ok: false, errors: { fieldErrors, formErrors, values: echoValues(formData) } };
}

export function formErrorResponse(errors: FormErrors, status = 400, headers?: HeadersInit) {
  return json({ errors }, { status, headers });
}

/** A throttled form (429, with when to try again), keeping what was typed. */
export function throttledResponse(formData: FormData, message: string, retryAfterSeconds: number, field?: string) {
  return formErrorResponse(formMessage(formData, message, field), 429, { "Retry-After": String(retryAfterSeconds) });
}

/** A single message for the whole form, keeping what was typed. */
export function formMessage(formData: FormData, message: string, field?: string): FormErrors {
  return {
    fieldErrors: field ? { [field]: message } : {},
    formErrors: field ? [] : [message],
    values: echoValues(formData),
  };
}
