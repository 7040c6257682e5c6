import os from 'node:os';

/** The machine a benchmark ran on, as every benchmark prints it. */
export function describeMachine(database: string): { cores: number; cpu: string; memoryGiB: number; node: string; database: string; line: string } {
  const cpus = os.cpus();
  const cpu = (cpus[0]?.model ?? 'unknown CPU').replace(/\s+/g, ' ').trim();
  const memoryGiB = Math.round(os.totalmem() / 2 ** 30);
  const info = { cores: cpus.length, cpu, memoryGiB, node: process.version, database };
  return { ...info, line: `${info.cores} cores (${cpu}), ${memoryGiB} GiB, Node ${info.node}, ${database}` };
}

/** Prints rows as a Markdown table (the form bench/README.md keeps). */
export function printTable(headers: string[], rows: (string | number)[][]): void {
  const text = (v: string | number) => (typeof v === 'number' ? (Number.isInteger(v) ? v.toLocaleString('en') : v.toFixed(1)) : v);
  console.log(`| ${headers.join(' | ')} |`);
  console.log(`|${headers.map(() => '---').join('|')}|`);
  for (const row of rows) console.log(`| ${row.map(text).join(' | ')} |`);
}

/** A one-line progress bar on stderr, redrawn in place. */
export function progressBar(label: string): (done: number, total: number) => void {
  const started = performance.now();
  let lastDraw = 0;
  return (done, total) => {
    const now = performance.now();
    if (done < total && now - lastDraw < 250) return;
    lastDraw = now;
    const width = 30;
    const filled = Math.round((done / total) * width);
    const rate = done / ((now - started) / 1000);
    const eta = rate > 0 ? (total - done) / rate : 0;
    process.stderr.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done.toLocaleString('en')}/${total.toLocaleString('en')} ${Math.round(rate).toLocaleString('en')}/s eta ${Math.ceil(eta)} s   ${done >= total ? '\n' : ''}`);
  };
}
