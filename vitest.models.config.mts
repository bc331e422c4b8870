import { defineConfig } from 'vitest/config';

/** Big PyTorch exports generated on demand (test/models): run with `npm run test:models`. */
export default defineConfig({
  test: {
    include: ['test/models/**/*.test.ts'],
    testTimeout: 600_000,
  },
});
