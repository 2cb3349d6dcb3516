/** What a failing call threw, as the user reads it: its message and hint. Fails if nothing was thrown. */
export function failure(run: () => unknown): { message: string; hint?: string } {
  try {
    run();
  } catch (error) {
    return { message: (error as Error).message, hint: (error as { hint?: string }).hint };
  }
  throw new Error('expected a failure');
}
