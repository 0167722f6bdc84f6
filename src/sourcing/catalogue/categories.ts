/**
 * Amazon.com Books browse-node ids used by the niche templates. Product Finder only accepts root categories as
 * `rootCategory` (subcategory ids return 0 results), so templates carry the Books root plus these subcategories
 * for `categories_include`. `validated` = listed in the original's corrected `keepa_categories.py`;
 * the others are the Amazon browse nodes the original templates already used. Ids the original used that are not
 * Books nodes (1000, 2, 5267, 11748, …) were replaced (docs/scoring.md#category-corrections).
 */
export const BOOK_CATEGORIES = {
  books: { id: 283155, name: "Books", validated: true },
  business: { id: 3, name: "Business & Money", validated: true },
  computers: { id: 5, name: "Computers & Technology", validated: true },
  programming: { id: 3839, name: "Programming", validated: true },
  computerScience: { id: 3508, name: "Computer Science", validated: true },
  medical: { id: 173514, name: "Medical Books", validated: true },
  engineering: { id: 173515, name: "Engineering", validated: true },
  accounting: { id: 266117, name: "Accounting", validated: true },
  education: { id: 8975347011, name: "Education & Teaching", validated: true },
  science: { id: 75, name: "Science & Math", validated: true },
  children: { id: 4, name: "Children's Books", validated: false },
  cookbooks: { id: 6, name: "Cookbooks, Food & Wine", validated: false },
  health: { id: 10, name: "Health, Fitness & Dieting", validated: false },
  literature: { id: 17, name: "Literature & Fiction", validated: false },
  mystery: { id: 18, name: "Mystery, Thriller & Suspense", validated: false },
  romance: { id: 23, name: "Romance", validated: false },
  selfHelp: { id: 4736, name: "Self-Help", validated: false },
  law: { id: 10777, name: "Law", validated: false },
  psychology: { id: 11232, name: "Psychology & Counseling", validated: false },
} as const satisfies Record<string, { id: number; name: string; validated: boolean }>;

export type BookCategoryKey = keyof typeof BOOK_CATEGORIES;

/** Keepa root category of Books: the only id Product Finder accepts as `rootCategory` for these niches. */
export const BOOKS_ROOT_CATEGORY_ID = BOOK_CATEGORIES.books.id;
