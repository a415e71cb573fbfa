/**
 * Batch progress: a live bar on a terminal, a plain line every few seconds
 * otherwise (logs, CI), and the end-of-run summary.
 */
import cliProgress from "cli-progress";
import type { BatchStats } from "./run.ts";

const MB = 1024 * 1024;

export class Progress {
  private bar?: cliProgress.SingleBar;
  private last = 0;
  private shownWarnings = 0;
  readonly warnings: string[] = [];

  constructor(
    private out: NodeJS.WriteStream = process.stderr,
    /** Between plain lines when not on a terminal. */
    private intervalMs = 10_000,
    private tty = out.isTTY === true,
  ) {}

  update(s: BatchStats): void {
    if (this.tty) {
      const payload = payloadOf(s);
      if (!this.bar) {
        const known = s.totalBytes !== undefined && s.totalBytes > 0;
        const format = known
          ? "{bar} {percentage}% | {records} records | {rate} pages/s | {errors} errors | {mb} MB | ETA {eta_formatted}"
          : "{records} records | {rate} pages/s | {errors} errors | {mb} MB";
        this.bar = new cliProgress.SingleBar({ format, stream: this.out, hideCursor: true, fps: 5, etaBuffer: 200, clearOnComplete: false }, cliProgress.Presets.shades_classic);
        this.bar.start(known ? s.totalBytes! : 1, 0, payload);
      }
      this.bar.update(Math.min(s.bytes, s.totalBytes ?? s.bytes), payload);
      return;
    }
    const now = performance.now();
    if (now - this.last < this.intervalMs) return;
    this.last = now;
    this.out.write(`newsclip batch: ${line(s)}\n`);
  }

  /** Warnings are printed as they come off a terminal (the first few), and listed at the end on one. */
  warn(message: string): void {
    this.warnings.push(message);
    if (!this.tty && this.shownWarnings < MAX_WARNINGS_SHOWN) {
      this.shownWarnings++;
      this.out.write(`newsclip batch: warning: ${message}\n`);
    }
  }

  stop(s: BatchStats): void {
    if (this.bar) {
      this.bar.update(Math.min(s.bytes, s.totalBytes ?? s.bytes), payloadOf(s));
      this.bar.stop();
    }
    if (this.tty) for (const w of this.warnings.slice(0, MAX_WARNINGS_SHOWN)) this.out.write(`newsclip batch: warning: ${w}\n`);
    const more = this.warnings.length - MAX_WARNINGS_SHOWN;
    if (more > 0) this.out.write(`newsclip batch: ... and ${more} more warnings\n`);
    this.out.write(summary(s));
  }
}

const MAX_WARNINGS_SHOWN = 20;

function payloadOf(s: BatchStats) {
  return { records: s.records, rate: s.pagesPerSecond.toFixed(1), errors: s.errors, mb: (s.bytes / MB).toFixed(1) };
}

function line(s: BatchStats): string {
  let t = `${s.records} records (${s.ok} ok, ${s.errors} errors), ${s.pagesPerSecond.toFixed(1)} pages/s, ${(s.bytes / MB).toFixed(1)} MB read`;
  if (s.totalBytes) {
    const share = Math.min(1, s.bytes / s.totalBytes);
    t += ` of ${(s.totalBytes / MB).toFixed(1)} MB (${Math.round(share * 100)}%)`;
    if (share > 0.01 && share < 1) t += `, ETA ${duration((s.seconds * (1 - share)) / share)}`;
  }
  return t;
}

export function duration(sec: number): string {
  if (sec < 60) return `${Math.round(sec)}s`;
  const m = Math.floor(sec / 60);
  if (m < 60) return `${m}m${String(Math.round(sec % 60)).padStart(2, "0")}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, "0")}m`;
}

function counts(c: Record<string, number>): string {
  return Object.entries(c)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${v}`)
    .join(", ");
}

export function summary(s: BatchStats): string {
  const out = [
    `newsclip batch: ${s.stopped ? "stopped" : "done"} in ${duration(s.seconds)} (${s.seconds.toFixed(1)} s), ${s.workers} worker${s.workers === 1 ? "" : "s"}: ${s.records} records written, ${s.pagesPerSecond.toFixed(1)} pages/s`,
    `  ok ${s.ok}, errors ${s.errors}${s.errors ? ` (${counts(s.byCode)})` : ""}`,
  ];
  if (s.alreadyDone) out.push(`  already in the output (resume): ${s.alreadyDone}`);
  if (s.unsaved) out.push(`  not saved in the archive: ${s.unsaved}, left out of the output: run again with --resume to do them`);
  const skipped = Object.values(s.skipped).reduce((a, b) => a + b, 0);
  if (skipped) out.push(`  input records skipped: ${skipped} (${counts(s.skipped)})`);
  if (s.warnings) out.push(`  warnings: ${s.warnings}`);
  out.push(`  input read: ${(s.bytes / MB).toFixed(1)} MB, peak RSS ${s.peakRssMb} MB`);
  if (s.stopped) out.push("  stopped early: run again with --resume to finish");
  return out.join("\n") + "\n";
}
