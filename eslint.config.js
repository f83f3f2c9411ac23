import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'build/', 'test/artifacts/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      // The engine must stay free of the Bot Framework SDK so the adapter layer can move SDKs.
      'no-restricted-imports': 'off',
    },
  },
  {
    files: ['src/engine/**', 'src/bot/cards/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['botbuilder*', '**/bot/**', '**/server/**', 'restify'] }],
    },
  },
  {
    // Data flows knowledge -> engine -> bot/CLI: knowledge never reaches into the engine.
    files: ['src/knowledge/**', 'src/text/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['botbuilder*', '**/engine/**', '**/bot/**', '**/server/**', 'restify'] }],
    },
  },
);
