import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { AuditRecordStore } from '@tmk/audit-api';

/** `npm run audit:verify`: the audit chain check from the command line (see tools/scripts/audit-verify.mjs). */
async function main(): Promise<number> {
  const url = process.env['DATABASE_URL'];
  if (!url) throw new Error('DATABASE_URL is not set');
  const db = await new DataSource({ type: 'postgres', url, extra: { max: 2 } }).initialize();
  try {
    const result = await new AuditRecordStore(db).verify();
    const rate = result.millis > 0 ? Math.round((result.checked / result.millis) * 1000) : 0;
    if (result.broken) {
      console.error(
        `audit chain BROKEN at seq ${result.broken.seq} (${result.broken.kind}${
          result.broken.kind === 'GAP' ? `, expected seq ${result.broken.expectedSeq}` : ''
        }); ${result.checked} records before it are intact`,
      );
      return 1;
    }
    console.log(
      `audit chain intact: ${result.checked} records up to seq ${result.headSeq}, ${Math.round(result.millis)} ms (${rate} records/s)`,
    );
    return 0;
  } finally {
    await db.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`tmk-audit-verify: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
