// ISBN-10 / EAN-13 / Amazon-style ASINs with valid check digits, so clients that validate identifiers accept them.
import type { Rng } from "./random.ts";

const ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

export function isbn10CheckDigit(nineDigits: string): string {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(nineDigits[i]) * (10 - i);
  const check = (11 - (sum % 11)) % 11;
  return check === 10 ? "X" : String(check);
}

export function ean13CheckDigit(twelveDigits: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(twelveDigits[i]) * (i % 2 === 0 ? 1 : 3);
  return String((10 - (sum % 10)) % 10);
}

/** Books are listed under their ISBN-10; English-language group prefixes 0 and 1. */
export function randomIsbn10(rng: Rng): string {
  let body = rng() < 0.6 ? "0" : "1";
  for (let i = 0; i < 8; i++) body += String(Math.floor(rng() * 10));
  return body + isbn10CheckDigit(body);
}

export function isbn10ToEan(isbn10: string): string {
  const twelve = "978" + isbn10.slice(0, 9);
  return twelve + ean13CheckDigit(twelve);
}

/** Non-book ASINs (Kindle editions, variation parents) start with B0. */
export function randomBAsin(rng: Rng): string {
  let asin = "B0";
  for (let i = 0; i < 8; i++) asin += ALNUM[Math.floor(rng() * ALNUM.length)];
  return asin;
}
