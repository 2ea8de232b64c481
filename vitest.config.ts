import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    reporters: ['default', './tests/support/summary-reporter.ts'],
    // End-to-end tests spawn the built CLI in pseudo-terminals and wait on real countdowns.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // A test that asserts nothing fails.
    expect: { requireAssertions: true },
  },
});
