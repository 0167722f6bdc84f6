/** What a key may do beyond reading. An endpoint names the one it needs; a key holds any number of them. */
export const API_SCOPES = ["tokens:spend", "data:write", "admin"] as const;
export type ApiScope = (typeof API_SCOPES)[number];

/** Scopes a key gets when its creator names none: everything a client needs, nothing administrative. */
export const DEFAULT_SCOPES: readonly ApiScope[] = ["tokens:spend", "data:write"];

/** Who is calling: put on the endpoint context once the key is verified. Never holds the key or its hash. */
export type ApiIdentity = {
  apiKeyId: string;
  name: string;
  scopes: string[];
  /** Tokens this key may spend per UTC day; null = no quota. */
  dailyTokenQuota: number | null;
};

export function isApiScope(value: string): value is ApiScope {
  return (API_SCOPES as readonly string[]).includes(value);
}
