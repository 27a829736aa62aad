import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import * as path from 'node:path';

/**
 * How long the event loop of this process (the extension host, in the scale bench) went without
 * running a timer: a tick every {@link TICK_MS}, and the longest gap between two ticks. A gap
 * of 50 ms is 50 ms in which nothing else the host runs (other extensions, the window's requests)
 * got a turn.
 *
 * With `BENCH_PROFILE=<folder>`, a span given a name is also CPU-profiled: `<name>.cpuprofile`
 * (open it in VS Code or Chrome's DevTools), and `<name>.gap.json` says where in it the longest
 * gap lies (ms from the profile's start), to find what froze the host.
 */
export const TICK_MS = 5;

export class FreezeMonitor {
  private timer: NodeJS.Timeout | undefined;
  private last = 0;
  private worst = 0;
  private worstAt = 0;
  private profiling: { session: Session; name: string; started: number } | undefined;

  start(name?: string): this {
    this.stop();
    this.worst = 0;
    const folder = process.env.BENCH_PROFILE;
    if (folder && name) {
      const session = new Session();
      session.connect();
      session.post('Profiler.enable');
      session.post('Profiler.setSamplingInterval', { interval: 250 });
      session.post('Profiler.start');
      this.profiling = { session, name, started: performance.now() };
    }
    // After the profiler started: starting it is not the extension's freeze.
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
    const profiling = this.profiling;
    if (profiling) {
      this.profiling = undefined;
      const folder = process.env.BENCH_PROFILE!;
      const gap = { fromMs: this.worstAt - profiling.started, ms: this.worst };
      profiling.session.post('Profiler.stop', (error, result) => {
        if (!error) {
          writeFileSync(path.join(folder, `${profiling.name}.cpuprofile`), JSON.stringify(result.profile));
          writeFileSync(path.join(folder, `${profiling.name}.gap.json`), JSON.stringify(gap));
        }
        profiling.session.disconnect();
      });
    }
    return this.worst;
  }

  private tick(): void {
    const now = performance.now();
    if (now - this.last > this.worst) {
      this.worst = now - this.last;
      this.worstAt = this.last;
    }
    this.last = now;
  }
}
