const LAUNCHER_IMPORT = Symbol.for('followthrough.import');

/**
 * import() of an ES-module package. The built program runs as a script (src/cli/launch.ts),
 * where import() is not available, so the launcher lends its own; run from the sources (tests,
 * tsx), this module's import() serves.
 */
export function importPackage<T>(specifier: string): Promise<T> {
  const lent = (globalThis as Record<symbol, unknown>)[LAUNCHER_IMPORT] as
    | ((s: string) => Promise<unknown>)
    | undefined;
  return (lent ? lent(specifier) : import(specifier)) as Promise<T>;
}
