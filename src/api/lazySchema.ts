/**
 * A schema built on its first use, not when its module loads: the bundle is evaluated at every
 * activation, and building the Capture, Hosted Login and Configuration API answers' schemas up
 * front was most of what evaluating it cost beyond compiling it (see README, Performance). The
 * object returned stands for the schema: every property read (`safeParse`, zod's own `_zod`)
 * builds the schema once and answers from it, methods bound to it; it can be used inside other
 * schemas.
 */
export function lazySchema<T extends object>(build: () => T): T {
  let built: T | undefined;
  const schema = () => (built ??= build());
  return new Proxy({} as T, {
    get(_target, key) {
      const value: unknown = Reflect.get(schema(), key);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(schema()) : value;
    },
    has: (_target, key) => Reflect.has(schema(), key),
    getPrototypeOf: () => Reflect.getPrototypeOf(schema()),
  });
}
