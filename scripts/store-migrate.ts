// npm run store:migrate -- --from sqlite://data/ai300.sqlite --to postgres://user:password@host/db
// Copies every record, then verifies them; safe to run again. Stop the bot first, so nothing
// is written to the source during the copy.
import { parseArgs } from 'node:util';
import { redactPassword } from '../src/config.ts';
import { copyStore } from '../src/store/migrate.ts';

const { values } = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' } } });
if (!values.from || !values.to) {
  console.error('Usage: npm run store:migrate -- --from sqlite://data/ai300.sqlite --to postgres://<user>:<password>@<host>/<database>');
  process.exit(2);
}
console.log(`Copying ${redactPassword(values.from)} -> ${redactPassword(values.to)}`);
try {
  const report = await copyStore(values.from, values.to, (copied, total) => process.stdout.write(`\r${copied} / ${total} records`));
  process.stdout.write('\n');
  if (report.mismatched.length > 0) {
    console.error(`${report.mismatched.length} records differ in the target after the copy, e.g. ${report.mismatched.slice(0, 5).join(', ')}. Run it again.`);
    process.exit(1);
  }
  console.log(`Done: ${report.copied} records copied and verified. Point STORE_URL at the target.`);
} catch (error) {
  console.error(`The copy failed: ${(error as Error).message}. Nothing in the source changed; running it again is safe.`);
  process.exit(1);
}
