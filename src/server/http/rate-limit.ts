/**
 * Per-token request limit in fixed one-minute windows (DECISIONS 16). Counted per process: with N
 * processes behind a balancer a client can reach N × the limit, which ADR 0004 accepts.
 */
export interface RateVerdict {
  limit: number;
  remaining: number;
  resetSeconds: number;
  exceeded: boolean;
}

const WINDOW_MS = 60_000;

export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();
  private lastSweep = 0;

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number,
  ) {}

  /** Counts one request; undefined when limiting is off. */
  take(key: string): RateVerdict | undefined {
    if (this.perMinute <= 0) return undefined;
    const now = this.now();
    this.sweep(now);
    let w = this.windows.get(key);
    if (!w || now - w.start >= WINDOW_MS) {
      w = { start: now, count: 0 };
      this.windows.set(key, w);
    }
    w.count++;
    const resetSeconds = Math.max(1, Math.ceil((w.start + WINDOW_MS - now) / 1000));
    return {
      limit: this.perMinute,
      remaining: Math.max(0, this.perMinute - w.count),
      resetSeconds,
      exceeded: w.count > this.perMinute,
    };
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < WINDOW_MS) return;
    this.lastSweep = now;
    for (const [key, w] of this.windows) if (now - w.start >= WINDOW_MS) this.windows.delete(key);
  }
}
