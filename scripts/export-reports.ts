// Exports every question report in the store as CSV, for the people who maintain the questions:
// `npm run reports > reports.csv` (STORE_URL picks the store, as for the bot).
import { ConfigError, loadDotEnv, parseConfig } from '../src/config.ts';
import { reportsToCsv } from '../src/domain/reports.ts';
import { openKeyValue } from '../src/store/kv.ts';
import { ReportStore } from '../src/store/reportStore.ts';

loadDotEnv();
try {
  const config = parseConfig(process.env);
  const kv = await openKeyValue(config.storeUrl);
  try {
    const reports = await new ReportStore(kv).all();
    process.stdout.write(reportsToCsv(reports));
    process.stderr.write(`${reports.length} report${reports.length === 1 ? '' : 's'} from ${config.storeUrl}\n`);
  } finally {
    await kv.close();
  }
} catch (error) {
  if (error instanceof ConfigError) {
    for (const problem of error.problems) process.stderr.write(`Configuration error: ${problem}\n`);
  } else {
    process.stderr.write(`Could not export the reports: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  process.exit(1);
}
