/**
 * The form fields every account form shares, declared once so their rules and messages agree:
 * an email address, and a new password with its confirmation. Shared by browser and server:
 * routes build their form schemas from these at module level. The list of common passwords is
 * server-only and is read only when a password is checked, which happens on the server.
 */
import { z } from "zod";

import { PASSWORD_MAX, PASSWORD_MIN } from "../utils/password-rules";
import { COMMON_PASSWORDS } from "./common-passwords.server";

export const NewPasswordSchema = z
  .string({ error: "Enter a password" })
  .min(1, "Enter a password")
  .min(PASSWORD_MIN, `Password must be at least ${PASSWORD_MIN} characters`)
  .max(PASSWORD_MAX, `Password must be ${PASSWORD_MAX} characters or fewer`)
  .refine((p) => !COMMON_PASSWORDS.has(p.toLowerCase()), {
    message: "This password is too common and easy to guess. Choose a different one",
  });

/** An email address; `whenMissing` is the form's own wording ("Enter your email address"). */
export function emailSchema(whenMissing: string) {
  return z
    .string({ error: whenMissing })
    .trim()
    .min(1, whenMissing)
    .max(254, "Email address must be 254 characters or fewer")
    .pipe(z.email({ error: "Enter an email address in the correct format, like name@example.org" }));
}

/** The form's other fields, plus a new password and its confirmation, which must match. */
export function withNewPassword<T extends z.ZodRawShape>(shape: T, confirmWhenMissing = "Enter the password again") {
  return z
    .object({
      ...shape,
      password: NewPasswordSchema,
      confirmPassword: z.string({ error: confirmWhenMissing }).max(PASSWORD_MAX),
    })
    .refine((v) => (v as { password: string }).password === (v as { confirmPassword: string }).confirmPassword, {
      message: "The passwords do not match",
      path: ["confirmPassword"],
    });
}
