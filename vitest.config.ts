import { defineConfig } from 'vitest/config';

// One vitest run covers every workspace package: tests live beside the code
// and carry their tier in the file name (*.unit.test.ts, *.int.test.ts, *.e2e.test.ts).
export default defineConfig({
  test: {
    include: ['{contracts,tools,components,aggregators,applications}/**/src/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Polls wait on other processes and stores; a loaded CI machine must not turn slowness into failure.
    expect: { poll: { timeout: 15_000, interval: 20 } },
    reporters: ['default', './vitest.summary.ts'],
  },
});
