// A progress bar on stderr for long imports, on a terminal only. cli-progress loads only here.
export interface Progress {
  update(done: number): void;
  stop(): void;
}

export async function startProgress(total: number): Promise<Progress> {
  const { default: cliProgress } = await import('cli-progress');
  const bar = new cliProgress.SingleBar({
    stream: process.stderr,
    format: 'Importing [{bar}] {percentage}% | {eta_formatted} left',
    hideCursor: true,
    clearOnComplete: true,
    fps: 5,
  }, cliProgress.Presets.shades_classic);
  bar.start(total, 0);
  return {
    update: (done) => bar.update(done),
    stop: () => { bar.update(total); bar.stop(); },
  };
}
