import { BOOK_CATEGORIES, BOOKS_ROOT_CATEGORY_ID } from "./categories.ts";
import type { BookCategoryKey } from "./categories.ts";
import type { StrategyName } from "./types.ts";

export type NicheTemplate = {
  id: string;
  name: string;
  description: string;
  icon: string;
  strategy: StrategyName;
  /** Product Finder `rootCategory` (always Books, see categories.ts). */
  rootCategoryId: number;
  /** Subcategory browse nodes for `categories_include`; the first one is the niche's main category. */
  categoryIds: number[];
  bsrRange: { min: number; max: number };
  priceRangeCents: { min: number; max: number };
  minProfitCents: number;
  maxFbaSellers: number;
  minRoiPercent: number;
  minVelocity: number;
};

type Row = [id: string, strategy: StrategyName, cats: BookCategoryKey[], bsr: [number, number], price$: [number, number],
  margin$: number, maxFba: number, roi: number, vel: number, icon: string, name: string, description: string];

// Numbers are the original's 17 templates (§5.6 table). Category changes vs the original (R16), which used ids that
// are not Books subcategories: cooking 1000→10, kids 17→education, self-help 11748→business, fiction 10677→17,
// romance 10188 dropped, fitness 5267(Test Prep)→10, business 2/2766/2767→3/266117, science 13912/13884 dropped,
// medical 227613 dropped, law 10927 dropped, engineering 13611/13887→173515, psychology 15371 dropped,
// CS 3654→5, general 2766→education.
const ROWS: Row[] = [
  ["tech-books-python", "smart_velocity", ["computerScience", "programming", "computers"], [10_000, 80_000], [20, 50], 12, 5, 30, 50, "💻", "[TECH] Programming books $20-50", "Beginner-to-intermediate programming books that sell steadily."],
  ["wellness-journals", "smart_velocity", ["selfHelp", "health"], [10_000, 50_000], [15, 35], 12, 5, 35, 60, "🧘", "[WELLNESS] Guided journals $15-35", "Wellness and gratitude journals with fast rotation."],
  ["cooking-healthy", "smart_velocity", ["cookbooks", "health"], [10_000, 80_000], [18, 45], 12, 5, 30, 50, "🥗", "[COOKING] Healthy cookbooks $18-45", "Healthy-eating and diet cookbooks."],
  ["kids-education-preschool", "smart_velocity", ["children", "education"], [10_000, 60_000], [15, 30], 12, 5, 32, 55, "🧸", "[KIDS] Preschool learning $15-30", "Preschool workbooks and early-learning titles."],
  ["self-help-productivity", "smart_velocity", ["selfHelp", "business"], [10_000, 70_000], [15, 40], 12, 5, 30, 50, "⏱️", "[SELF-HELP] Productivity $15-40", "Productivity and habit books with evergreen demand."],
  ["fiction-thriller-mystery", "smart_velocity", ["mystery", "literature"], [10_000, 50_000], [15, 30], 12, 5, 33, 60, "🔪", "[FICTION] Thrillers & mysteries $15-30", "Popular thriller and mystery hardcovers."],
  ["romance-contemporary", "smart_velocity", ["romance"], [10_000, 40_000], [15, 28], 12, 5, 35, 65, "💕", "[FICTION] Contemporary romance $15-28", "Fast-selling contemporary romance."],
  ["fitness-home-workout", "smart_velocity", ["health", "selfHelp"], [10_000, 60_000], [15, 40], 12, 5, 31, 55, "🏋️", "[FITNESS] Home workout $15-40", "Home fitness and training guides."],
  ["textbook-business", "textbooks", ["business", "accounting"], [30_000, 250_000], [30, 150], 20, 3, 50, 30, "📊", "[TEXTBOOK] Business & accounting $30-150", "University business, management and accounting textbooks."],
  ["textbook-science", "textbooks", ["science"], [30_000, 250_000], [40, 200], 20, 3, 50, 25, "🔬", "[TEXTBOOK] Science & math $40-200", "Biology, chemistry, physics and math textbooks."],
  ["textbook-medical", "textbooks", ["medical"], [30_000, 250_000], [50, 250], 25, 3, 50, 25, "🩺", "[TEXTBOOK] Medical $50-250", "Medical and nursing textbooks with high resale value."],
  ["textbook-law", "textbooks", ["law"], [30_000, 250_000], [40, 180], 20, 3, 50, 30, "⚖️", "[TEXTBOOK] Law $40-180", "Law school casebooks and study aids."],
  ["textbook-engineering", "textbooks", ["engineering"], [30_000, 250_000], [40, 180], 20, 3, 50, 25, "⚙️", "[TEXTBOOK] Engineering $40-180", "Engineering textbooks for undergraduate courses."],
  ["textbook-psychology", "textbooks", ["psychology"], [30_000, 250_000], [35, 150], 20, 3, 50, 30, "🧠", "[TEXTBOOK] Psychology $35-150", "Psychology and counseling textbooks."],
  ["textbook-computer-science", "textbooks", ["computerScience", "programming", "computers"], [30_000, 200_000], [40, 150], 20, 3, 50, 30, "🖥️", "[TEXTBOOK] Computer science $40-150", "Computer science course textbooks."],
  ["textbook-standard-general", "textbooks_standard", ["education", "science", "business"], [100_000, 250_000], [40, 150], 15, 5, 40, 30, "📚", "[TEXTBOOK] Standard rotation $40-150", "General textbooks selling within 7–14 days."],
  ["textbook-patience-general", "textbooks_patience", ["education", "science", "business"], [250_000, 400_000], [40, 150], 25, 3, 50, 20, "⏳", "[TEXTBOOK] Patience $40-150", "Slow textbooks with big margins; capital locked 4–6 weeks."],
];

const toTemplate = ([id, strategy, cats, bsr, price, margin, maxFba, roi, vel, icon, name, description]: Row): NicheTemplate => ({
  id,
  name,
  description,
  icon,
  strategy,
  rootCategoryId: BOOKS_ROOT_CATEGORY_ID,
  categoryIds: cats.map((c) => BOOK_CATEGORIES[c].id),
  bsrRange: { min: bsr[0], max: bsr[1] },
  priceRangeCents: { min: price[0] * 100, max: price[1] * 100 },
  minProfitCents: margin * 100,
  maxFbaSellers: maxFba,
  minRoiPercent: roi,
  minVelocity: vel,
});

/** The 17 curated niches behind "Surprise me" (§5.6). */
export const NICHE_TEMPLATES: readonly NicheTemplate[] = Object.freeze(ROWS.map(toTemplate));

/** Every category id any template references (for the simulator catalogue and category validation). */
export function nicheCategoryIds(templates: readonly NicheTemplate[] = NICHE_TEMPLATES): number[] {
  const ids = new Set<number>();
  for (const t of templates) for (const id of [t.rootCategoryId, ...t.categoryIds]) ids.add(id);
  return [...ids].sort((a, b) => a - b);
}
