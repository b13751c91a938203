/**
 * A progress bar on stderr for long files; silent when stderr is not a terminal (CI, pipes).
 */
export class Progress {
  private readonly enabled: boolean;
  private readonly started = Date.now();

  constructor(stream: NodeJS.WriteStream = process.stderr) {
    this.stream = stream;
    this.enabled = Boolean(stream.isTTY);
  }

  private readonly stream: NodeJS.WriteStream;

  /** `fraction` from 0 to 1 of the whole job. */
  update(fraction: number, stage: string): void {
    if (!this.enabled) return;
    const width = 24;
    const filled = Math.round(Math.min(1, Math.max(0, fraction)) * width);
    const seconds = ((Date.now() - this.started) / 1000).toFixed(1);
    this.stream.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${stage} ${seconds}s\x1b[K`);
  }

  done(): void {
    if (this.enabled) this.stream.write('\r\x1b[K');
  }
}
