// The date-sensitive suites again under a far-off zone (UTC+14), to catch local-time bugs (DESIGN: Tests).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'src/server/lib/*.test.ts',
      'test/api/time-entries.test.ts',
      'test/api/time-entries-summaries.test.ts',
      'test/api/timers.test.ts',
      'test/api/timesheets.test.ts',
      'test/api/time-off-balances.test.ts',
      'test/api/reports.property.test.ts',
    ],
    environment: 'node',
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { TZ: 'Pacific/Kiritimati' },
  },
});
