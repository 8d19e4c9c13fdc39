// What global-setup.ts provides to the end-to-end tests (`inject('tarball')`).
import 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The `npm pack` tarball of the repository, made once per run. */
    tarball: string;
    /** The run's temporary directory: the tarball and every project live in it. */
    workRoot: string;
  }
}
