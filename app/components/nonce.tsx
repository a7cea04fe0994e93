import { createContext, useContext } from "react";

/**
 * The per-request nonce that lets Remix's own inline scripts run under the
 * Content-Security-Policy set in entry.server.tsx. Undefined in the browser, where it is
 * no longer needed once the page has loaded.
 */
export const NonceContext = createContext<string | undefined>(undefined);

export function useNonce(): string | undefined {
  return useContext(NonceContext);
}
