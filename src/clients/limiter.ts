/** How many `/clients/list` calls the client index has in flight at once, at most. */
export const MAX_LISTS_IN_FLIGHT = 4;

export type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

/**
 * A queue that runs at most `limit` tasks at once; the others start, in the order they came, as
 * the running ones settle. Capture answers 510 to too many simultaneous calls, so the client
 * index lists a platform team's fifty applications a few at a time.
 */
export function concurrencyLimit(limit: number): Limiter {
  let running = 0;
  const waiting: Array<() => void> = [];
  const next = () => {
    running--;
    waiting.shift()?.();
  };
  return <T>(task: () => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const start = () => {
        running++;
        let pending: Promise<T>;
        try {
          pending = task();
        } catch (error) {
          pending = Promise.reject(error);
        }
        void pending.then(resolve, reject).finally(next);
      };
      if (running < limit) start();
      else waiting.push(start);
    });
}
