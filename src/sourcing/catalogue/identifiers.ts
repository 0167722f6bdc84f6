/** What `/keepa/test` accepts: an ASIN, an ISBN-10 (a book's ASIN) or an ISBN-13. */
export type ProductIdentifier =
  | { kind: "asin"; input: string; asin: string }
  /** A 978 ISBN-13 has an ISBN-10, which is the book's ASIN: one /product by ASIN, 1 token. */
  | { kind: "isbn13"; input: string; asin: string }
  /** A 979 ISBN-13 has no ISBN-10: looked up as a code (EAN) limited to one product. */
  | { kind: "code"; input: string; code: string };

const ASIN = /^[A-Z0-9]{10}$/;
const ISBN13 = /^97[89]\d{10}$/;

function isbn10CheckDigit(nine: string): string {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(nine[i]) * (10 - i);
  const check = (11 - (sum % 11)) % 11;
  return check === 10 ? "X" : String(check);
}

function ean13Valid(code: string): boolean {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(code[i]) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10 === Number(code[12]);
}

/** Strips the spaces and hyphens people paste with ISBNs. */
export function cleanIdentifier(raw: string): string {
  return raw.replace(/[\s-]/g, "").toUpperCase();
}

/** Parses an identifier, or returns the reason it is not one (shown as the 400 field error). */
export function parseProductIdentifier(raw: string): ProductIdentifier | { error: string } {
  const input = cleanIdentifier(raw);
  if (ASIN.test(input)) {
    const isbnLike = /^\d{9}[\dX]$/.test(input);
    if (isbnLike && isbn10CheckDigit(input.slice(0, 9)) !== input[9]) return { error: "ISBN-10 check digit is wrong" };
    return { kind: "asin", input, asin: input };
  }
  if (/^\d{13}$/.test(input)) {
    if (!ISBN13.test(input)) return { error: "a 13-digit identifier must be an ISBN-13 (978… or 979…)" };
    if (!ean13Valid(input)) return { error: "ISBN-13 check digit is wrong" };
    if (input.startsWith("978"))
      return { kind: "isbn13", input, asin: input.slice(3, 12) + isbn10CheckDigit(input.slice(3, 12)) };
    return { kind: "code", input, code: input };
  }
  return { error: "expected an ASIN or ISBN-10 (10 characters) or an ISBN-13 (13 digits)" };
}
