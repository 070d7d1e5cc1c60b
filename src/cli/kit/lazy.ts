/**
 * A function of a module loaded on first call. Commands name their use cases through these,
 * so that `ft --help` loads no database driver, date reader or validator, and each command
 * loads only what it runs.
 */
// biome-ignore lint/suspicious/noExplicitAny: any function's arguments pass through unchanged
type Fn = (...args: any[]) => unknown;

export function lazy<M, K extends keyof M>(
  load: () => Promise<M>,
  name: K,
): M[K] extends Fn ? (...args: Parameters<M[K]>) => Promise<Awaited<ReturnType<M[K]>>> : never {
  const call = async (...args: unknown[]) => ((await load())[name] as Fn)(...args);
  return call as never;
}
