// spm import sales|customers|checkins|deals <file.csv>: streams the file through csv-parse (never the
// whole file in memory), maps headers to fields, validates every row with the domain parsers
// and writes all good rows in one transaction, or none.
import { closeSync, existsSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import type { AppContext } from '../../cli/context.js';
import { InputError, SpmError, StoreError } from '../../domain/errors.js';
import { compileDateFormat, isoDateReader } from '../../domain/date-format.js';
import {
  fieldCells, mapColumns, parseDelimiter, parseImportEntity, parseMapOptions, readCheckinRow, readCustomerRow, readDealRow, readSaleRow,
  RowError, rowIdentity, sniffDelimiter, type ColumnMapping, type ImportEntity,
} from '../../domain/csv-import.js';
import { sanitizeLine } from '../../domain/text.js';
import type { LocalDate } from '../../domain/local-date.js';
import { Store } from '../../store/store.js';
import type { ImportRepository } from '../../store/import-repository.js';
import { databaseFiles, writeFileAtomic } from '../../store/atomic-file.js';
import { writeJson } from '../../ui/json.js';
import { startProgress } from '../../ui/progress.js';
import { say } from '../shared.js';

export interface ImportCsvOptions {
  map?: string[];
  dateFormat?: string;
  delimiter?: string;
  dryRun?: boolean;
  skipInvalid?: boolean;
}

export interface ImportSummary {
  read: number;
  imported: number;
  duplicates: number;
  rejected: number;
  customersCreated: number;
}

interface Rejected {
  line: number;
  reason: string;
  cells: string[];
}

const CHUNK_BYTES = 1 << 20;
/** A rejection reason without its values: `date "03/14/2026" is ambiguous` → `date "" is ambiguous`. */
export function reasonKind(reason: string): string {
  return reason.replace(/"(?:[^"\\]|\\.)*"/g, '""').replace(/\d+(?:[.,:/-]\d+)*/g, '#');
}

/** How many bad rows are named in the error (docs/contract.md: the first 20). */
const REPORTED_REJECTS = 20;
/** Files smaller than this import too fast for a progress bar to help. */
const PROGRESS_MIN_BYTES = 8 << 20;
/** A typical CSV sales row is 50–100 bytes; the low end errs towards rebuilding the indexes. */
const BYTES_PER_ROW_ESTIMATE = 60;

class DryRunRollback extends Error {}

export async function runImportCsv(entityText: string, file: string, options: ImportCsvOptions, ctx: AppContext): Promise<ImportSummary> {
  const entity = parseImportEntity(entityText);
  const maps = parseMapOptions(entity, options.map ?? []);
  const reader = options.dateFormat !== undefined ? compileDateFormat(options.dateFormat) : isoDateReader;
  const hasFormat = options.dateFormat !== undefined;
  const explicitDelimiter = options.delimiter !== undefined ? parseDelimiter(options.delimiter) : undefined;
  const fileSize = fileSizeOf(file);
  refuseBinary(file);
  const { parse } = await import('csv-parse');

  const delimiter = explicitDelimiter ?? sniffDelimiter(firstLine(file));
  // Headers are checked before the database is opened or any row is read.
  mapColumns(entity, readHeaderRecord(parse, file, delimiter), maps);

  const dbPath = ctx.dbPath();
  const dbExisted = existsSync(dbPath);
  // --dry-run never creates the database: without one it counts against an empty schema in memory.
  const store = options.dryRun && !existsSync(dbPath)
    ? Store.scratch(() => ctx.clock.now().toISOString())
    : ctx.store('write'); // a dry run on an existing database writes in a transaction it rolls back
  const settings = store.settings.get();
  const progress = ctx.io.stdoutIsTTY && !ctx.globals.json && fileSize >= PROGRESS_MIN_BYTES ? await startProgress(fileSize) : undefined;

  const summary: ImportSummary = { read: 0, imported: 0, duplicates: 0, rejected: 0, customersCreated: 0 };
  /** The kinds of reason rows were rejected for (values taken out), to say one repeated reason once. */
  const reasonKinds = new Set<string>();
  const rejected: Rejected[] = [];
  let headers: string[] | undefined;
  let unused: string[] = [];

  const work = () => {
    const repo = store.importer(ctx.clock.now().toISOString(), ctx.clock.today(), settings.defaultCadenceDays);
    let mapping: ColumnMapping | undefined;
    // File line numbers, counted from the cells: csv-parse's info.lines counts a CRLF inside a
    // quoted cell twice. A record spans one line plus one per line break inside its cells.
    let nextLine = 1;
    const insert = rowWriter(entity, repo, ctx.clock.today(), settings.dealStages.split(','));
    // Sales and check-ins, whatever the file's size: per-row triggers are set aside and replayed
    // once at the end; when the file is large next to what the table holds, its indexes are
    // rebuilt once too. Row by row, the reorder trigger recomputes a customer's whole history
    // per won sale: 19,000 sales over 10 customers took 46 s that way, 0.6 s this way, with
    // the same derived tables. Deals bring their closed ones' sales, whose triggers are the cost.
    const table = entity === 'customers' ? undefined : entity === 'deals' ? 'sales' : entity;
    const estimatedRows = fileSize / BYTES_PER_ROW_ESTIMATE;
    const bulk = table ? store.suspendForBulk(table, estimatedRows) : undefined;
    const onRecord = (cells: string[]) => {
      const startLine = nextLine;
      nextLine += 1 + embeddedLineBreaks(cells);
      if (mapping === undefined) {
        headers = cells;
        mapping = mapColumns(entity, cells, maps);
        unused = mapping.unused;
        return;
      }
      if (cells.length === 1 && cells[0] === '') return; // a blank line
      summary.read++;
      const values = fieldCells(mapping, cells);
      try {
        // After the first bad row without --skip-invalid nothing is written; rows are only checked.
        const write = rejected.length === 0 || options.skipInvalid === true;
        const outcome = insert(values, write, reader, hasFormat);
        if (outcome === 'imported') summary.imported++;
        else if (outcome === 'duplicate') summary.duplicates++;
      } catch (error) {
        if (!(error instanceof RowError)) throw error;
        summary.rejected++;
        reasonKinds.add(reasonKind(error.message));
        if (options.skipInvalid || rejected.length < REPORTED_REJECTS) rejected.push({ line: startLine, reason: error.message, cells });
      }
      if (progress && summary.read % 20_000 === 0) progress.update(info.bytes);
    };

    const parser = parse({
      bom: true,
      delimiter,
      relax_column_count: true,
      skip_empty_lines: false,
    });
    const info = parser.info;
    // csv-parse's parser core, fed chunk by chunk: records arrive synchronously, so the whole
    // import stays inside one synchronous transaction and memory holds one chunk at a time.
    const api = (parser as unknown as { api: CsvApi }).api;
    const fd = openSync(file, 'r');
    try {
      for (;;) {
        const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
        const bytes = readSync(fd, chunk, 0, CHUNK_BYTES, null);
        const error = api.parse(bytes > 0 ? chunk.subarray(0, bytes) : undefined, bytes === 0, onRecord, () => {});
        if (error) throw csvError(error, file);
        if (bytes === 0) break;
      }
    } finally {
      closeSync(fd);
    }
    // Sales and check-ins go in batches: the last, partial one now, then their counts.
    const queued = repo.flush();
    summary.imported += queued.written;
    summary.duplicates += queued.queued - queued.written;
    if (bulk) store.resumeAfterBulk(bulk);
    if (headers === undefined) throw new InputError(`${file} is empty`, 'The first line must name the columns, e.g. date,customer,amount.');
    if (rejected.length > 1 && !options.skipInvalid && reasonKinds.size === 1) {
      // One mistake repeated on every row (a date format, a missing column's values): said once.
      const rows = summary.rejected === summary.read ? `all ${summary.rejected} rows` : `${summary.rejected} rows`;
      throw new InputError(`${rows} of ${file} are invalid for the same reason, nothing imported: line ${rejected[0].line}: ${rejected[0].reason}`,
        'Fix that in the file (or the --map / --date-format options), or add --skip-invalid to import the good rows.');
    }
    if (rejected.length > 0 && !options.skipInvalid) {
      const listed = rejected.map((r) => `line ${r.line}: ${r.reason}`).join('; ');
      const more = summary.rejected > rejected.length ? `; and ${summary.rejected - rejected.length} more` : '';
      throw new InputError(`${summary.rejected} invalid row${summary.rejected === 1 ? '' : 's'} in ${file}, nothing imported: ${listed}${more}`,
        'Fix those rows, or add --skip-invalid to import the good rows and write the bad ones to a .rejects.csv file.');
    }
    summary.customersCreated = repo.customersCreated;
    if (options.dryRun) throw new DryRunRollback();
  };

  try {
    // One change in the history, its inserts kept as id ranges: undo of a large import is cheap to record.
    store.write(work, 'bulk');
  } catch (error) {
    if (!(error instanceof DryRunRollback)) {
      // A failed import into a database it had to create leaves no empty database behind.
      if (!dbExisted && !options.dryRun) {
        ctx.close();
        for (const suffix of ['', '-wal', '-shm']) rmSync(dbPath + suffix, { force: true });
      }
      throw error;
    }
  } finally {
    progress?.stop();
    if (store.path === ':memory:') store.close();
  }

  let rejectsFile: string | undefined;
  if (options.skipInvalid && rejected.length > 0 && !options.dryRun) {
    rejectsFile = `${file}.rejects.csv`;
    try {
      await writeRejects(rejectsFile, headers ?? [], rejected, databaseFiles(dbPath));
    } catch (error) {
      // The good rows are committed by now: say so, or the rep would import them twice.
      if (error instanceof SpmError) {
        throw new StoreError(`imported ${summary.imported} of ${summary.read} ${entity}, but the rejected rows were not saved: ${error.message}`, error.hint);
      }
      throw error;
    }
  }
  report(ctx, entity, file, summary, Boolean(options.dryRun), rejectsFile, unused);
  return summary;
}

function embeddedLineBreaks(cells: string[]): number {
  let breaks = 0;
  for (const cell of cells) {
    if (cell.indexOf('\n') < 0 && cell.indexOf('\r') < 0) continue;
    breaks += cell.match(/\r\n|\r|\n/g)?.length ?? 0;
  }
  return breaks;
}

/** 'queued': a sale or check-in in the repository's batch, counted when the batches are written. */
type RowOutcome = 'imported' | 'duplicate' | 'queued' | 'checked';
type RowWriter = (values: string[], write: boolean, reader: (text: string) => string | null, hasFormat: boolean) => RowOutcome;

/** Without an external id a row is known by a hash of its mapped fields (`sha1:<hex>`). */
function identity(entity: ImportEntity, values: string[], externalId: string | null): string {
  return externalId ?? `sha1:${createHash('sha1').update(rowIdentity(entity, values)).digest('hex')}`;
}

function rowWriter(entity: ImportEntity, repo: ImportRepository, today: LocalDate, stages: readonly string[]): RowWriter {
  switch (entity) {
    case 'sales':
      return (values, write, reader, hasFormat) => {
        const sale = readSaleRow(values, reader, hasFormat);
        if (!write) return 'checked';
        repo.insertSale(sale, identity(entity, values, sale.externalId));
        return 'queued';
      };
    case 'checkins':
      return (values, write, reader, hasFormat) => {
        const checkin = readCheckinRow(values, reader, hasFormat, today);
        if (!write) return 'checked';
        repo.insertCheckin(checkin, identity(entity, values, checkin.externalId));
        return 'queued';
      };
    case 'deals':
      return (values, write, reader, hasFormat) => {
        const deal = readDealRow(values, reader, hasFormat, stages, today);
        if (!write) return 'checked';
        return repo.insertDeal(deal, identity(entity, values, deal.externalId)) ? 'imported' : 'duplicate';
      };
    case 'customers':
      return (values, write) => {
        const customer = readCustomerRow(values);
        if (!write) return 'checked';
        return repo.insertCustomer(customer) ? 'imported' : 'duplicate';
      };
  }
}

interface CsvApi {
  parse(buffer: Buffer | undefined, end: boolean, push: (record: string[]) => void, close: () => void): Error | undefined;
}

function csvError(error: Error, file: string): InputError {
  const line = (error as { lines?: number }).lines;
  return new InputError(`${file}${line ? ` line ${line}` : ''}: ${error.message.replace(/^Invalid Record Length: /, '')}`, 'Check the quoting around that line.');
}

function fileSizeOf(file: string): number {
  let stat;
  try {
    stat = statSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(`no file ${file}`);
    throw new StoreError(`cannot read ${file}: ${(error as Error).message}`);
  }
  if (stat.isDirectory()) throw new InputError(`${file} is a directory, not a CSV file`);
  return stat.size;
}

/** The first record of the file (the header), parsed from its first 64 KiB. */
function readHeaderRecord(parse: typeof import('csv-parse').parse, file: string, delimiter: string): string[] {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(65536);
    const bytes = readSync(fd, buffer, 0, buffer.length, 0);
    if (bytes === 0) throw new InputError(`${file} is empty`, 'The first line must name the columns, e.g. date,customer,amount.');
    let header: string[] | undefined;
    const api = (parse({ bom: true, delimiter, relax_column_count: true }) as unknown as { api: CsvApi }).api;
    const error = api.parse(buffer.subarray(0, bytes), bytes < buffer.length, (record) => { header ??= record; }, () => {});
    if (header === undefined) {
      if (error) throw csvError(error, file);
      throw new InputError(`${file}: no header line found in its first 64 KiB`);
    }
    return header;
  } finally {
    closeSync(fd);
  }
}

/**
 * A SQLite database, a spreadsheet or an image given as CSV: one short line instead of the
 * parser's complaint quoting kilobytes of escaped bytes. Text files hold no NUL bytes.
 */
function refuseBinary(file: string): void {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(8192);
    const bytes = readSync(fd, buffer, 0, buffer.length, 0);
    const head = buffer.subarray(0, bytes);
    if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
      throw new InputError(`not a CSV file spm can read: ${file} is UTF-16 text`, 'Save it as "CSV UTF-8" (or convert it: iconv -f UTF-16 -t UTF-8).');
    }
    if (head.includes(0)) {
      const what = head.toString('latin1', 0, 16) === 'SQLite format 3\u0000' ? 'a SQLite database' : 'binary data';
      throw new InputError(`not a CSV file: ${file} (it holds ${what})`, 'Give a text file of comma-, semicolon- or tab-separated values.');
    }
  } finally {
    closeSync(fd);
  }
}

/** The header line (first 64 KiB at most), for guessing the delimiter. */
function firstLine(file: string): string {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(65536);
    const bytes = readSync(fd, buffer, 0, buffer.length, 0);
    return buffer.toString('utf8', 0, bytes).split(/\r?\n/, 1)[0];
  } finally {
    closeSync(fd);
  }
}

/**
 * The column the rejects file adds: not `reason`, which sales have. Importing the fixed
 * rejects file again ignores it (and says so, as for any column that maps to no field).
 */
const REJECT_REASON_HEADER = 'reject-reason';

async function writeRejects(path: string, headers: string[], rejected: Rejected[], protect: readonly string[]): Promise<void> {
  const { stringify } = await import('csv-stringify/sync');
  const rows = [[...headers, REJECT_REASON_HEADER], ...rejected.map((r) => [...r.cells, ...new Array(Math.max(0, headers.length - r.cells.length)).fill(''), `line ${r.line}: ${r.reason}`])];
  // Replaces the rejects file of an earlier run of the same file, as a whole.
  writeFileAtomic(path, stringify(rows), { force: true, protect });
}

function report(ctx: AppContext, entity: ImportEntity, file: string, summary: ImportSummary, dryRun: boolean, rejectsFile: string | undefined, unused: string[]): void {
  if (ctx.globals.json) {
    writeJson(ctx.io, summary);
    return;
  }
  const theme = ctx.theme();
  if (unused.length > 0) say(ctx, theme.dim(`Ignored columns: ${unused.map(sanitizeLine).join(', ')}`));
  const parts = [`${summary.duplicates} already imported`, `${summary.rejected} rejected`];
  if (entity !== 'customers') parts.push(`${summary.customersCreated} new customer${summary.customersCreated === 1 ? '' : 's'}`);
  const verb = dryRun ? 'Dry run: would import' : `${theme.green('✓')} Imported`;
  say(ctx, `${verb} ${summary.imported} of ${summary.read} ${entity} from ${sanitizeLine(file)} (${parts.join(', ')})${dryRun ? '; nothing written' : ''}`);
  if (rejectsFile) say(ctx, `Rejected rows, with a reason column: ${sanitizeLine(rejectsFile)}`);
}
