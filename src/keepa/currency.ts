/**
 * The currency each Keepa marketplace (`domain`) prices in: the API names it beside every amount of money
 * (README, "API conventions"). Domain 7 (Amazon China) is not listed: Keepa no longer serves it.
 */
export const DOMAIN_CURRENCY = {
  1: "USD",
  2: "GBP",
  3: "EUR",
  4: "EUR",
  5: "JPY",
  6: "CAD",
  8: "EUR",
  9: "EUR",
  10: "INR",
  11: "MXN",
  12: "BRL",
} as const satisfies Record<number, string>;

export type MarketCurrency = (typeof DOMAIN_CURRENCY)[keyof typeof DOMAIN_CURRENCY];

/** The domain's currency; an unlisted domain is a configuration error worth failing loudly on. */
export function currencyOf(domain: number): MarketCurrency {
  const currency = (DOMAIN_CURRENCY as Record<number, MarketCurrency | undefined>)[domain];
  if (currency === undefined) throw new Error(`No currency known for Keepa domain ${domain}`);
  return currency;
}
