// Lint for the host, tests and benchmarks: typescript-eslint's strict,
// type-checked rules. AssemblyScript (assembly/, examples/, fixtures) is not
// TypeScript and is checked by its compiler; web/ is the dev page's plain
// browser JavaScript (no types to check against), formatted by prettier.
import eslint from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "build/", "assembly/", "examples/", "templates/", "test/fixtures/", "bench/firmware/", "web/", "eslint.config.js"] },
  eslint.configs.recommended,
  tseslint.configs.strictTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "max-len": ["error", { code: 120, ignoreUrls: true }],
      // Numbers in messages are the norm here ("GPIO 5", "120 µs").
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true }],
      // `(m) => this.log("W", m)` hands a void call on; only statements are flagged.
      "@typescript-eslint/no-confusing-void-expression": ["error", { ignoreArrowShorthand: true }],
    },
  },
);
