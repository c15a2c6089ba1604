/**
 * Writes fixed text atomically: a temporary file in the same folder, then a
 * rename, so a crash mid-run leaves each file either old or new, never half.
 */
import writeFileAtomic from 'write-file-atomic';

const BOM = '\uFEFF';

export async function writeTextFile(filePath: string, text: string, bom: boolean): Promise<void> {
  await writeFileAtomic(filePath, bom ? BOM + text : text, { encoding: 'utf8', fsync: true });
}
