import { BOOK_CATEGORIES, BOOKS_ROOT_CATEGORY_ID } from "./categories.ts";
import type { BookCategoryKey } from "./categories.ts";

export type SupportedCategory = { key: BookCategoryKey; id: number; name: string; root: boolean };

/** The categories discovery accepts (what GET /products/categories lists): Books and its subjects. */
export const SUPPORTED_CATEGORIES: readonly SupportedCategory[] = Object.freeze(
  (Object.entries(BOOK_CATEGORIES) as [BookCategoryKey, (typeof BOOK_CATEGORIES)[BookCategoryKey]][]).map(
    ([key, c]) => ({
      key,
      id: c.id,
      name: c.name,
      root: c.id === BOOKS_ROOT_CATEGORY_ID,
    }),
  ),
);

/** By id (number or digits) or by key, case-insensitive; undefined when unknown (never fall back to Books). */
export function findCategory(value: string | number): SupportedCategory | undefined {
  const text = String(value).trim();
  if (/^\d+$/.test(text)) return SUPPORTED_CATEGORIES.find((c) => c.id === Number(text));
  const lower = text.toLowerCase();
  return SUPPORTED_CATEGORIES.find((c) => c.key.toLowerCase() === lower || c.name.toLowerCase() === lower);
}

/** "283155 Books, 3 Business & Money, …": the list a 400 for an unknown category shows. */
export function categoryListText(): string {
  return SUPPORTED_CATEGORIES.map((c) => `${c.id} ${c.name}`).join(", ");
}
