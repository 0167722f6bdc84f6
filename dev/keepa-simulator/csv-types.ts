// csv slot indices (Java Product.CsvType) and which of them are [time, price, shipping] triples. Deliberately not
// imported from src/keepa: the simulator is an independent rendering of Keepa's format, so a wrong index in the client
// shows up as a failing test instead of agreeing with itself.
export const CSV = {
  AMAZON: 0,
  NEW: 1,
  USED: 2,
  SALES: 3,
  LISTPRICE: 4,
  COLLECTIBLE: 5,
  REFURBISHED: 6,
  NEW_FBM_SHIPPING: 7,
  LIGHTNING_DEAL: 8,
  WAREHOUSE: 9,
  NEW_FBA: 10,
  COUNT_NEW: 11,
  COUNT_USED: 12,
  COUNT_REFURBISHED: 13,
  COUNT_COLLECTIBLE: 14,
  EXTRA_INFO_UPDATES: 15,
  RATING: 16,
  COUNT_REVIEWS: 17,
  BUY_BOX_SHIPPING: 18,
  USED_NEW_SHIPPING: 19,
  USED_VERY_GOOD_SHIPPING: 20,
  USED_GOOD_SHIPPING: 21,
  USED_ACCEPTABLE_SHIPPING: 22,
  TRADE_IN: 30,
  RENT: 31,
  BUY_BOX_USED_SHIPPING: 32,
  PRIME_EXCL: 33,
  COUNT_NEW_FBA: 34,
  COUNT_NEW_FBM: 35,
} as const;

export type CsvName = keyof typeof CSV;

export const CSV_LENGTH = 36;

export function isShippingType(index: number): boolean {
  return index === 7 || (index >= 18 && index <= 29) || index === 32;
}

export type Csv = (number[] | null)[];

/** The landed-price series of each used offer condition (2 like new … 5 acceptable). */
export const USED_CONDITION_CSV = {
  2: CSV.USED_NEW_SHIPPING,
  3: CSV.USED_VERY_GOOD_SHIPPING,
  4: CSV.USED_GOOD_SHIPPING,
  5: CSV.USED_ACCEPTABLE_SHIPPING,
} as const;
