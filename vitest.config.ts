import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'models/**/*.test.ts',
      'electron/**/*.test.ts',
      'cli/**/*.test.ts',
      'renderer/**/*.test.ts',
      'sample-data/**/*.test.ts',
      'scripts/**/*.test.ts',
      'build/**/*.test.ts',
      'security/**/*.test.ts',
    ],
    exclude: ['e2e/**', 'node_modules/**', 'dist/**'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
