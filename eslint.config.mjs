import js from "@eslint/js";
import importX from "eslint-plugin-import-x";
import tseslint from "typescript-eslint";

/**
 * The layers, ground floor first: each may import only from those before it (README "Layout", docs/architecture.md).
 * Outside a module, only its index.ts may be imported: that is its public surface.
 */
const LAYERS = ["shared", "keepa", "tokens", "sourcing", "autosourcing", "app"];
const OUTSIDE = ["./netlify", "./dev", "./scripts", "./bench"];

const layerZones = LAYERS.flatMap((layer, i) =>
  LAYERS.slice(i + 1).map((above) => ({
    target: `./src/${layer}`,
    from: `./src/${above}`,
    message: `src/${layer} sits below src/${above} and must not import from it.`,
  })),
);

const surfaceZones = LAYERS.map((layer) => ({
  target: [...LAYERS.filter((other) => other !== layer).map((other) => `./src/${other}`), ...OUTSIDE],
  from: `./src/${layer}`,
  except: ["./index.ts"],
  message: `Import src/${layer} through its public surface, src/${layer}/index.ts.`,
}));

export default tseslint.config(
  { ignores: ["node_modules/", ".netlify/", "bench/results/", "public/vendor/", "test-results/"] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ["**/*.ts", "**/*.mts"],
    plugins: { "import-x": importX },
    settings: {
      "import-x/resolver": { node: { extensions: [".ts", ".mts", ".js", ".mjs"] } },
      "import-x/extensions": [".ts", ".mts", ".js", ".mjs"],
      "import-x/parsers": { "@typescript-eslint/parser": [".ts", ".mts"] },
    },
    rules: {
      "@typescript-eslint/consistent-type-definitions": ["error", "type"],
      "@typescript-eslint/consistent-type-imports": ["error", { prefer: "type-imports" }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-syntax": [
        "error",
        { selector: "TSEnumDeclaration", message: "Use a literal union instead of an enum." },
      ],
      "no-console": ["error", { allow: ["warn", "error", "info"] }],
      "import-x/no-restricted-paths": ["error", { zones: [...layerZones, ...surfaceZones] }],
      "import-x/no-cycle": ["error", { ignoreExternal: true }],
    },
  },
  {
    files: ["dev/**", "bench/**", "test/**", "scripts/**"],
    rules: { "no-console": "off", "@typescript-eslint/no-non-null-assertion": "off" },
  },
  {
    files: ["public/**/*.js"],
    languageOptions: {
      globals: {
        window: "readonly",
        document: "readonly",
        sessionStorage: "readonly",
        fetch: "readonly",
        console: "readonly",
        setTimeout: "readonly",
        setInterval: "readonly",
        clearInterval: "readonly",
        URLSearchParams: "readonly",
        FormData: "readonly",
        Date: "readonly",
      },
    },
  },
);
