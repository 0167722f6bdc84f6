/**
 * The fixed API key accepted in local mode only (simulator in use, no KEEPA_API_KEY), so scripts and tests can call
 * the API without a set-up step. Documented in .env.example; refused whenever a real Keepa key is configured.
 */
export const LOCAL_API_KEY = "av_local_0123456789abcdef0123456789abcdef";
