// `npm run assets`: the browser's third-party files, copied from node_modules into public/vendor/ (gitignored), so
// /docs and the dashboard load nothing from a CDN. Run by the Netlify build, `npm run dev` and `npm run test:all`.
import { copyFileSync, mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";

export const VENDOR_DIR = new URL("../public/vendor/", import.meta.url).pathname;

const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

/** public/vendor/<name> ← the package's file. */
const ASSETS: readonly { name: string; from: () => string }[] = [
  { name: "swagger-ui-bundle.js", from: () => join(packageDir("swagger-ui-dist"), "swagger-ui-bundle.js") },
  { name: "swagger-ui.css", from: () => join(packageDir("swagger-ui-dist"), "swagger-ui.css") },
  { name: "openapi-fetch.mjs", from: () => join(packageDir("openapi-fetch"), "dist", "index.mjs") },
];

/** The browser loads the client as-is, with no bundler: it must not import anything itself. */
function assertSelfContained(file: string): void {
  const text = readFileSync(file, "utf8");
  if (/^\s*import[\s{*]|\bimport\s*\(/m.test(text)) throw new Error(`${file} imports other modules`);
}

/** Copies the assets into `dir` (a test's private copy of the site passes its own). */
export function copyPublicAssets(dir: string = VENDOR_DIR): string[] {
  mkdirSync(dir, { recursive: true });
  return ASSETS.map(({ name, from }) => {
    const source = from();
    if (name.endsWith(".mjs")) assertSelfContained(source);
    copyFileSync(source, join(dir, name));
    return name;
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  console.log(`assets: ${copyPublicAssets().join(", ")} → public/vendor/`);
}
