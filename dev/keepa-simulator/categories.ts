// Category tree served by /category and /search?type=category. It covers every id the niche
// templates use (docs/scoring.md#niche-templates), laid out like Amazon US: Books → Subjects → subject → leaf.

export type PriceProfile = "trade" | "textbook" | "mixed";

export type CategoryNode = {
  catId: number;
  name: string;
  parent: number;
  profile: PriceProfile;
  /** Relative share of catalogue products assigned to this node (leaves only). */
  weight: number;
};

export const BOOKS_ROOT = 283155;
export const SUBJECTS = 1000;
export const KINDLE_ROOT = 133140011;
export const KINDLE_EBOOKS = 154606011;

const node = (
  catId: number,
  name: string,
  parent: number,
  profile: PriceProfile = "trade",
  weight = 1,
): CategoryNode => ({
  catId,
  name,
  parent,
  profile,
  weight,
});

export const CATEGORY_NODES: readonly CategoryNode[] = [
  node(BOOKS_ROOT, "Books", 0),
  node(SUBJECTS, "Subjects", BOOKS_ROOT),
  node(1, "Arts & Photography", SUBJECTS),
  node(2, "Biographies & Memoirs", SUBJECTS, "mixed"),
  node(3, "Business & Money", SUBJECTS, "mixed"),
  node(2766, "Economics", 3, "textbook"),
  node(2767, "Management & Leadership", 3, "mixed"),
  node(266117, "Accounting", 3, "textbook"),
  node(4, "Children's Books", SUBJECTS, "trade", 1.5),
  node(5, "Computers & Technology", SUBJECTS, "mixed"),
  node(3508, "Computer Science", 5, "textbook", 1.5),
  node(3839, "Programming", 5, "mixed", 1.5),
  node(3654, "Networking & Cloud Computing", 5, "textbook"),
  node(6, "Cookbooks, Food & Wine", SUBJECTS, "trade", 1.5),
  node(10, "Health, Fitness & Dieting", SUBJECTS),
  node(5267, "Exercise & Fitness", 10, "trade", 1.5),
  node(17, "Literature & Fiction", SUBJECTS, "trade", 1.5),
  node(18, "Mystery, Thriller & Suspense", SUBJECTS),
  node(10677, "Thrillers & Suspense", 18, "trade", 1.5),
  node(23, "Romance", SUBJECTS),
  node(10188, "Contemporary Romance", 23, "trade", 1.5),
  node(75, "Science & Math", SUBJECTS, "textbook"),
  node(13912, "Biological Sciences", 75, "textbook", 1.5),
  node(13884, "Chemistry", 75, "textbook", 1.5),
  node(4736, "Self-Help", SUBJECTS),
  node(11748, "Time Management", 4736, "trade", 1.5),
  node(4747, "Stress Management", 4736, "trade", 1.5),
  node(10777, "Law", SUBJECTS, "textbook"),
  node(10927, "Legal Education", 10777, "textbook", 1.5),
  node(173514, "Medical Books", SUBJECTS, "textbook"),
  node(227613, "Medicine", 173514, "textbook", 1.5),
  node(173507, "Engineering & Transportation", SUBJECTS, "textbook"),
  node(173515, "Engineering", 173507, "textbook"),
  node(13611, "Civil & Environmental Engineering", 173515, "textbook", 1.5),
  node(13887, "Electrical & Electronics", 173515, "textbook", 1.5),
  node(11232, "Psychology & Counseling", SUBJECTS, "mixed"),
  node(15371, "Clinical Psychology", 11232, "textbook", 1.5),
  node(8975347011, "Education & Teaching", SUBJECTS, "textbook"),
  node(KINDLE_ROOT, "Kindle Store", 0),
  node(KINDLE_EBOOKS, "Kindle eBooks", KINDLE_ROOT),
];

const BY_ID = new Map(CATEGORY_NODES.map((n) => [n.catId, n]));
const CHILDREN = new Map<number, number[]>();
for (const n of CATEGORY_NODES) {
  if (n.parent === 0) continue;
  const list = CHILDREN.get(n.parent) ?? [];
  list.push(n.catId);
  CHILDREN.set(n.parent, list);
}

export function categoryById(catId: number): CategoryNode | undefined {
  return BY_ID.get(catId);
}

export function childrenOf(catId: number): number[] {
  return CHILDREN.get(catId) ?? [];
}

export function rootCategoryIds(): number[] {
  return CATEGORY_NODES.filter((n) => n.parent === 0).map((n) => n.catId);
}

/** Root-first path to `catId` (inclusive), e.g. [283155, 1000, 4736, 4747]. */
export function pathTo(catId: number): number[] {
  const path: number[] = [];
  let current = BY_ID.get(catId);
  while (current) {
    path.unshift(current.catId);
    current = current.parent === 0 ? undefined : BY_ID.get(current.parent);
  }
  return path;
}

/** Book leaves that products are placed in (Kindle nodes are reserved for eBooks). */
export function bookLeaves(): CategoryNode[] {
  return CATEGORY_NODES.filter((n) => childrenOf(n.catId).length === 0 && pathTo(n.catId)[0] === BOOKS_ROOT);
}
