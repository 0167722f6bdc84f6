// Keepa has changed its prices before, so every token price lives here as data
// (docs/keepa-simulator.md#cost-table-as-data). Pass `costs` to the simulator to override any entry.

export type CostTable = {
  token: number;
  product: {
    base: number;
    unknownAsin: number;
    updateMinus1Missing: number;
    offersPerPage: number;
    offersPageSize: number;
    offersNone: number;
    offersFail: number;
    offersFreshUpdate: number;
    update0IfFresh: number;
    buybox: number;
    stock: number;
    rating: number;
    histVar: number;
  };
  query: { base: number; perHundredAsins: number; stats: number; statsPerMillion: number };
  bestsellers: number;
  bestsellersNoList: number;
  category: number;
  searchCategory: number;
  searchProductPerPage: number;
  searchRatingMax: number;
  deal: number;
};

export const DEFAULT_COSTS: CostTable = {
  token: 0,
  product: {
    base: 1,
    unknownAsin: 1,
    updateMinus1Missing: 0,
    offersPerPage: 6,
    offersPageSize: 10,
    offersNone: 5,
    offersFail: 1,
    offersFreshUpdate: 5,
    update0IfFresh: 1,
    buybox: 2,
    stock: 2,
    rating: 1,
    histVar: 1,
  },
  query: { base: 10, perHundredAsins: 1, stats: 30, statsPerMillion: 1 },
  bestsellers: 50,
  bestsellersNoList: 0,
  category: 1,
  searchCategory: 1,
  searchProductPerPage: 10,
  searchRatingMax: 5,
  deal: 5,
};

export type CostOverrides = {
  [K in keyof CostTable]?: CostTable[K] extends object ? Partial<CostTable[K]> : CostTable[K];
};

export function mergeCosts(overrides: CostOverrides | undefined): CostTable {
  if (!overrides) return structuredClone(DEFAULT_COSTS);
  return {
    ...DEFAULT_COSTS,
    ...overrides,
    product: { ...DEFAULT_COSTS.product, ...overrides.product },
    query: { ...DEFAULT_COSTS.query, ...overrides.query },
  } as CostTable;
}
