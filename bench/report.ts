/** Collects the benchmark's rows and target verdicts and renders them as Markdown. */
export class Report {
  private readonly rows: [string, string, string][] = [];
  private readonly targets: [string, boolean, string][] = [];

  row(what: string, value: string, note = ''): void {
    this.rows.push([what, value, note]);
    console.error(`  ${what}: ${value}${note ? ` (${note})` : ''}`);
  }

  target(what: string, met: boolean, measured: string): void {
    this.targets.push([what, met, measured]);
  }

  render(machine: string, quick: boolean): string {
    const lines = [
      `# Ringstuga benchmark${quick ? ' (quick smoke run: short, not comparable)' : ''}`,
      '',
      `Machine: ${machine}. Server and load generator share these cores.`,
      `Run: ${new Date().toISOString()}`,
      '',
      '| scenario | result | note |',
      '|---|---|---|',
      ...this.rows.map(([what, value, note]) => `| ${what} | ${value} | ${note} |`),
      '',
      '| target | met | measured |',
      '|---|---|---|',
      ...this.targets.map(([what, met, measured]) => `| ${what} | ${met ? 'yes' : '**no**'} | ${measured} |`),
      '',
    ];
    return lines.join('\n');
  }
}
