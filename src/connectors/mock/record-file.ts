/**
 * Logto's mock message connectors write the last code they "sent" to a record file, which
 * integration tests read (spec §7.3). Overwritten on every message.
 */
import fs from 'node:fs/promises';

export const writeRecord = async (file: string, record: Record<string, string>) => {
  await fs.writeFile(file, `${JSON.stringify(record)}\n`);
};
