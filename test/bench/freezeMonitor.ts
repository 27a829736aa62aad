/**
 * How long the event loop of this process (the extension host, in the scale bench) went without
 * running a timer: a tick every {@link TICK_MS}, and the longest gap between two ticks. A gap
 * of 50 ms is 50 ms in which nothing else the host runs (other extensions, the window's requests)
 * got a turn.
 */
export const TICK_MS = 5;

export class FreezeMonitor {
  private timer: NodeJS.Timeout | undefined;
  private last = 0;
  private worst = 0;

  start(): this {
    this.stop();
    this.worst = 0;
    this.last = performance.now();
    this.timer = setInterval(() => this.tick(), TICK_MS);
    return this;
  }

  /** Stops ticking and returns the longest gap between two ticks (or since the last tick), in ms. */
  stop(): number {
    if (this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
      this.tick();
    }
    return this.worst;
  }

  private tick(): void {
    const now = performance.now();
    this.worst = Math.max(this.worst, now - this.last);
    this.last = now;
  }
}
