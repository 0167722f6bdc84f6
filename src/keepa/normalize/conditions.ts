/**
 * The conditions a book is sold in, best first, with Keepa's offer condition codes (`J:structs/Offer.java`: 1 new,
 * 2–5 used like new … acceptable). Collectible and refurbished are not sold by this product.
 */
export const CONDITIONS = ["new", "used_like_new", "used_very_good", "used_good", "used_acceptable"] as const;
export type Condition = (typeof CONDITIONS)[number];

export const OFFER_CONDITION_CODE: Readonly<Record<Condition, number>> = {
  new: 1,
  used_like_new: 2,
  used_very_good: 3,
  used_good: 4,
  used_acceptable: 5,
};

/** 0 = new … 4 = acceptable: a copy can be listed in its own condition or a worse one, never a better one. */
export const conditionRank = (condition: Condition): number => CONDITIONS.indexOf(condition);
