// Word lists for deterministic, plausible titles and authors.
import type { PriceProfile } from "./categories.ts";
import { pick, type Rng } from "./random.ts";

const FIRST = [
  "James",
  "Mary",
  "Robert",
  "Linda",
  "Michael",
  "Sarah",
  "David",
  "Emma",
  "Daniel",
  "Olivia",
  "Thomas",
  "Grace",
  "Henry",
  "Chloe",
  "Samuel",
  "Nora",
  "Peter",
  "Alice",
  "Ravi",
  "Mei",
];
const LAST = [
  "Smith",
  "Johnson",
  "Garcia",
  "Miller",
  "Davis",
  "Martinez",
  "Clark",
  "Lewis",
  "Walker",
  "Young",
  "Hall",
  "Allen",
  "King",
  "Wright",
  "Nguyen",
  "Patel",
  "Okafor",
  "Larsen",
  "Rossi",
  "Kim",
];
const PUBLISHERS_TRADE = [
  "Penguin Press",
  "HarperCollins",
  "Random House",
  "Simon & Schuster",
  "Macmillan",
  "Hachette",
  "Scholastic",
  "Chronicle Books",
];
const PUBLISHERS_TEXT = [
  "Pearson",
  "McGraw Hill",
  "Cengage Learning",
  "Wiley",
  "Oxford University Press",
  "Elsevier",
  "Springer",
  "O'Reilly Media",
  "Wolters Kluwer",
];
const TRADE_A = [
  "The Quiet",
  "A Year of",
  "The Last",
  "Finding",
  "The Little Book of",
  "Beyond the",
  "The Art of",
  "Secrets of the",
  "Simple",
  "The Hidden",
];
const TRADE_B = [
  "Garden",
  "Habits",
  "Kitchen",
  "Mind",
  "Storm",
  "Letters",
  "River",
  "Focus",
  "Journal",
  "House",
  "Promise",
  "Calm",
];
const TEXT_A = [
  "Principles of",
  "Introduction to",
  "Fundamentals of",
  "Essentials of",
  "Foundations of",
  "Applied",
  "Modern",
  "Advanced Topics in",
];
const TEXT_B = [
  "Economics",
  "Accounting",
  "Organic Chemistry",
  "Cell Biology",
  "Constitutional Law",
  "Clinical Medicine",
  "Structural Analysis",
  "Circuit Theory",
  "Psychology",
  "Algorithms",
  "Python Programming",
  "Data Structures",
  "Networking",
  "Pharmacology",
];

export function authorName(rng: Rng): string {
  return `${pick(rng, LAST)}, ${pick(rng, FIRST)}`;
}

export function publisherFor(rng: Rng, textbookPriced: boolean): string {
  return pick(rng, textbookPriced ? PUBLISHERS_TEXT : PUBLISHERS_TRADE);
}

export function titleFor(rng: Rng, profile: PriceProfile, textbookPriced: boolean, index: number): string {
  if (textbookPriced || profile === "textbook") {
    const edition = 2 + Math.floor(rng() * 12);
    return `${pick(rng, TEXT_A)} ${pick(rng, TEXT_B)}, ${edition}th Edition`;
  }
  // The index suffix keeps titles distinct, which product search tests rely on.
  return `${pick(rng, TRADE_A)} ${pick(rng, TRADE_B)}: Book ${(index % 9) + 1}`;
}
