// ESLint: typescript-eslint's recommended rules and a line length; Prettier does the layout (.prettierrc).
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      "data/",
      "coverage/",
      "reports/",
      ".stryker-tmp/",
      "miniprogram/dist/",
      "scratch/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // a farmer's message or a pattern is not split to fit
      "max-len": ["error", { code: 160, ignoreUrls: true, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true }],
      // `{ secret: _secret, ...rest }` drops a field on purpose
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true }],
    },
  },
  // TypeScript checks names itself (and knows the DOM and Node types the files use).
  { files: ["**/*.ts"], rules: { "no-undef": "off" } },
  { files: ["src/console/static/**/*.js"], languageOptions: { globals: globals.browser } },
  { files: ["*.js", "scripts/**/*.js"], languageOptions: { globals: globals.node } },
);
