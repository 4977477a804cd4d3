import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // argon2 hashing and real sockets make a few tests slower than the default allows.
    testTimeout: 15_000,
  },
});
