// One catalogue product in summary form. Full histories are generated lazily from this summary
// (history.ts) so a catalogue of thousands of books is built in milliseconds.
import { bookLeaves, type CategoryNode, pathTo } from "./categories.ts";
import { randomIsbn10, isbn10ToEan } from "./identifiers.ts";
import { authorName, publisherFor, titleFor } from "./names.ts";
import { chance, intBetween, logUniform, type Rng } from "./random.ts";
import { MINUTES_PER_DAY } from "./keepa-time.ts";

export type CsvStyle = "full" | "short" | "allPricesMissing";

export type CatalogueEntry = {
  asin: string;
  productType: 0 | 2 | 3 | 5;
  title: string | null;
  author: string | null;
  publisher: string | null;
  binding: string | null;
  eanList: string[] | null;
  parentAsin: string | null;
  variationAsins: string[] | null;
  rootCategory: number;
  leafCategory: number;
  categoryPath: number[];
  /** Current BSR in the root category, −1 when the product has none. */
  salesRank: number;
  /** Current rank inside the leaf category, filled once the whole catalogue exists. */
  subRank: number;
  amazon: number;
  newPrice: number;
  used: number;
  listPrice: number;
  newFba: number;
  countNew: number;
  countUsed: number;
  countNewFba: number;
  rating: number;
  reviews: number;
  monthlySold: number;
  availabilityAmazon: number;
  packageWeight: number;
  packageDims: [number, number, number];
  pages: number;
  referralFeePercentage: number;
  pickAndPackFee: number;
  offersFetchFails: boolean;
  newPriceIsMAP: boolean;
  csvStyle: CsvStyle;
  lastUpdate: number;
  lastPriceChange: number;
  lastRatingUpdate: number;
  lastStockUpdate: number;
  lastOffersUpdate: number;
  trackingSince: number;
  listedSince: number;
  publicationDate: number;
};

type Leaf = { node: CategoryNode; cumulative: number };

let leafTable: Leaf[] | undefined;
function leaves(): Leaf[] {
  if (leafTable) return leafTable;
  let total = 0;
  leafTable = bookLeaves().map((node) => ({ node, cumulative: (total += node.weight) }));
  return leafTable;
}

function pickLeaf(rng: Rng): CategoryNode {
  const table = leaves();
  const last = table[table.length - 1];
  if (!last) throw new Error("category tree has no leaves");
  const target = rng() * last.cumulative;
  return (table.find((l) => l.cumulative > target) ?? last).node;
}

/** Mixture tuned so the niche templates' 10k–400k BSR bands hold most of the catalogue. */
export function drawSalesRank(rng: Rng): number {
  const u = rng();
  if (u < 0.08) return logUniform(rng, 1, 10_000);
  if (u < 0.72) return logUniform(rng, 10_000, 400_000);
  if (u < 0.92) return logUniform(rng, 400_000, 2_000_000);
  return logUniform(rng, 2_000_000, 5_000_000);
}

function drawNewPrice(rng: Rng, node: CategoryNode): { price: number; textbook: boolean } {
  const textbookShare = node.profile === "textbook" ? 0.8 : node.profile === "mixed" ? 0.5 : 0.15;
  const textbook = rng() < textbookShare;
  const price = textbook ? logUniform(rng, 2_500, 25_000) : logUniform(rng, 600, 4_800);
  return { price: Math.max(99, price - (price % 100) + 99), textbook };
}

function monthlySoldFor(rng: Rng, rank: number): number {
  if (rank < 0 || rank > 150_000) return 0;
  if (rank <= 5_000) return 1_000 * intBetween(rng, 1, 5);
  if (rank <= 30_000) return 100 * intBetween(rng, 3, 9);
  return 50 * intBetween(rng, 1, 4);
}

function offerCounts(rng: Rng, rank: number): { countNew: number; countUsed: number; countNewFba: number } {
  const popular = rank > 0 && rank < 100_000;
  const countNew = popular ? intBetween(rng, 3, 45) : intBetween(rng, 0, 18);
  const countUsed = popular ? intBetween(rng, 2, 60) : intBetween(rng, 0, 25);
  const countNewFba = Math.min(countNew, Math.floor(rng() * rng() * 12));
  return { countNew, countUsed, countNewFba };
}

export function makeBook(rng: Rng, index: number, anchorMinute: number, usedAsins: Set<string>): CatalogueEntry {
  let asin = randomIsbn10(rng);
  while (usedAsins.has(asin)) asin = randomIsbn10(rng);
  usedAsins.add(asin);
  const node = pickLeaf(rng);
  const rank = chance(rng, 0.015) ? -1 : drawSalesRank(rng);
  const { price, textbook } = drawNewPrice(rng, node);
  const newMissing = chance(rng, 0.03);
  const amazonPresent = chance(rng, 0.3);
  const amazon = amazonPresent ? Math.round(price * (1 + rng() * 0.12)) : -1;
  const used = chance(rng, 0.1) ? -1 : Math.round(price * (0.3 + rng() * 0.6));
  const counts = offerCounts(rng, rank);
  const weight = textbook ? intBetween(rng, 700, 2_400) : intBetween(rng, 150, 1_100);
  const hasRating = chance(rng, 0.9);
  return {
    asin,
    productType: 0,
    title: titleFor(rng, node.profile, textbook, index),
    author: authorName(rng),
    publisher: publisherFor(rng, textbook),
    binding: textbook || chance(rng, 0.3) ? "hardcover" : "paperback",
    eanList: [isbn10ToEan(asin)],
    parentAsin: null,
    variationAsins: null,
    rootCategory: pathTo(node.catId)[0] ?? 0,
    leafCategory: node.catId,
    categoryPath: pathTo(node.catId),
    salesRank: rank,
    subRank: -1,
    amazon,
    newPrice: newMissing ? -1 : price,
    used,
    listPrice: Math.round((Math.max(price, amazon) * (1.1 + rng() * 0.5)) / 100) * 100 - 1,
    newFba: counts.countNewFba > 0 && !newMissing ? Math.round(price * (1 + rng() * 0.2)) : -1,
    ...counts,
    rating: hasRating ? intBetween(rng, 30, 50) : -1,
    reviews: hasRating ? logUniform(rng, 1, rank > 0 && rank < 50_000 ? 40_000 : 2_000) : -1,
    monthlySold: monthlySoldFor(rng, rank),
    availabilityAmazon: amazonPresent ? 0 : -1,
    packageWeight: weight,
    packageDims: [intBetween(rng, 150, 290), intBetween(rng, 100, 220), intBetween(rng, 8, 60)],
    pages: intBetween(rng, 96, textbook ? 1_400 : 520),
    referralFeePercentage: 15 + Math.round((rng() - 0.5) * 6) / 100,
    pickAndPackFee: 306 + Math.round(weight / 4.54) * 2,
    offersFetchFails: chance(rng, 0.01),
    newPriceIsMAP: chance(rng, 0.005),
    csvStyle: chance(rng, 0.02) ? "short" : "full",
    ...timestamps(rng, anchorMinute),
  };
}

function timestamps(
  rng: Rng,
  anchorMinute: number,
): Pick<
  CatalogueEntry,
  | "lastUpdate"
  | "lastPriceChange"
  | "lastRatingUpdate"
  | "lastStockUpdate"
  | "lastOffersUpdate"
  | "trackingSince"
  | "listedSince"
  | "publicationDate"
> {
  const lastUpdate = anchorMinute - intBetween(rng, 0, 360);
  const trackingSince = anchorMinute - intBetween(rng, 400, 4_000) * MINUTES_PER_DAY;
  const year = 2008 + intBetween(rng, 0, 18);
  return {
    lastUpdate,
    lastPriceChange: lastUpdate - intBetween(rng, 0, 3 * MINUTES_PER_DAY),
    lastRatingUpdate: anchorMinute - intBetween(rng, 0, 28 * MINUTES_PER_DAY),
    lastStockUpdate: anchorMinute - intBetween(rng, 0, 14 * MINUTES_PER_DAY),
    lastOffersUpdate: anchorMinute - intBetween(rng, 0, 72 * 60),
    trackingSince,
    listedSince: trackingSince - intBetween(rng, 0, 30) * MINUTES_PER_DAY,
    publicationDate: year * 10_000 + intBetween(rng, 1, 12) * 100 + intBetween(rng, 1, 28),
  };
}
