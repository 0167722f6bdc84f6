// Debian's Chromium driven by playwright-core: no browser download, ever. The flags keep a headless Chromium quiet
// on a machine without network access (no QUIC, sync, component updates or background fetches).
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import type { BrowserContext } from "playwright-core";

export const CHROMIUM_PATH = "/usr/bin/chromium";

const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

/** Fails loudly (never skips) when the browser the test set-up installs is missing. */
export function requireChromium(): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is missing at ${CHROMIUM_PATH}: the dashboard end-to-end test drives Debian's Chromium and never ` +
        "downloads a browser. " +
        "Install it with `scripts/install-chromium.sh` (as root: apt-get install -y chromium).",
    );
  }
}

export type Browser = { context: BrowserContext; close: () => Promise<void> };

/** A fresh profile in a temp --user-data-dir, removed on close. */
export async function launchChromium(viewport: { width: number; height: number }): Promise<Browser> {
  requireChromium();
  const profile = mkdtempSync(join(tmpdir(), "av-dashboard-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: FLAGS,
    viewport,
    deviceScaleFactor: 1,
    locale: "en-US",
    timezoneId: "UTC",
    timeout: 30_000,
  });
  return {
    context,
    close: async () => {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
