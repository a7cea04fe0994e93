/** Shared by the server's checks and the hints on the forms. */
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;
export const PASSWORD_HINT = `Between ${PASSWORD_MIN} and ${PASSWORD_MAX} characters, and not a commonly used password. A few unrelated words make a strong one.`;
