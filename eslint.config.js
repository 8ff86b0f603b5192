// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

/**
 * The layers, lowest first. A layer may import from the layers before it, never from those after
 * it: platform ← domain ← workflows ← app ← api ← functions/. The CLI is an entry point beside
 * the API (platform and domain only). The local host (devhost/) runs the built app the way Azure
 * does, so it imports none of src/ or functions/, and they import none of it.
 */
const layers = ['src/platform', 'src/domain', 'src/workflows', 'src/app', 'src/api', 'functions'];
const everythingOutsideTheApp = ['devhost', 'test'];
const layerZones = layers.flatMap((layer, index) => [
  ...layers.slice(index + 1).map((higher) => ({
    target: `./${layer}`,
    from: `./${higher}`,
    message: `${layer} is below ${higher}: dependencies point from ${higher} to ${layer}, never back.`,
  })),
  { target: `./${layer}`, from: './src/cli', message: 'The CLI is an entry point; nothing imports it.' },
  ...everythingOutsideTheApp.map((outside) => ({
    target: `./${layer}`,
    from: `./${outside}`,
    message: `The app never imports ${outside}/.`,
  })),
]);
const cliZones = ['src/workflows', 'src/app', 'src/api', 'functions', 'devhost', 'test'].map((from) => ({
  target: './src/cli',
  from: `./${from}`,
  message: 'The CLI works on files with platform and domain code only.',
}));
const devhostZones = ['src', 'functions', 'test'].map((from) => ({
  target: './devhost',
  from: `./${from}`,
  message: 'The local host uses the app only as Azure does: the built dist/, host.json and settings.',
}));

/** The layer and cycle rules, exported so a test can run exactly these on probe imports. */
/** @type {import('eslint').Linter.Config} */
export const layerRules = {
  files: ['src/**/*.ts', 'functions/**/*.ts', 'devhost/**/*.ts'],
  plugins: { 'import-x': importX },
  settings: {
    // The parser and extensions are what let no-cycle read the TypeScript files an import leads to.
    'import-x/extensions': ['.ts', '.js'],
    'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
    'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
  },
  rules: {
    'import-x/no-cycle': ['error', { ignoreExternal: true }],
    'import-x/no-restricted-paths': ['error', { zones: [...layerZones, ...cliZones, ...devhostZones] }],
  },
};

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.azurite/', '.package/', 'coverage/', 'infra/**/*.json'] },
  eslint.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  ...tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': 'off',
    },
  },
  layerRules,
  {
    // The product never depends on the Functions runtime libraries: triggers live in functions/.
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: '@azure/functions', message: 'src/ must not import @azure/functions; translate in functions/.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
