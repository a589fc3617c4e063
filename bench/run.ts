// `npm run bench`: every scenario of issue 3 (every-scenario.ts). With `--postgres [--nodes N]`, the
// load scenarios instead, on SQLite and on PostgreSQL with one and N nodes (issue 16: postgres/run.ts).
await import(process.argv.includes('--postgres') ? './postgres/run.ts' : './every-scenario.ts');
