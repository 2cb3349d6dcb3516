// The store: one open database and its repositories. The only module family with SQL, and the
// only door to the database: the handle is private, commands reach the data through methods.
import { openDatabase, type Db, type MigrationNotice, type OpenMode } from './open-database.js';
import { CustomerRepository } from './customer-repository.js';
import { SaleRepository } from './sale-repository.js';
import { SettingsRepository } from './settings-repository.js';
import { GoalRepository } from './goal-repository.js';
import { ReportRepository } from './report-repository.js';
import { CheckinRepository } from './checkin-repository.js';
import { FollowupRepository } from './followup-repository.js';
import { ConcernRepository } from './concern-repository.js';
import { ReorderRepository } from './reorder-repository.js';
import { backupDatabase } from './backup.js';
import { holdsData, seedDemo, type DemoCounts } from './demo-seed.js';
import type { DemoData } from '../domain/demo-data.js';
import { AdviceRepository } from './advice-repository.js';
import { RestoreRepository } from './restore-repository.js';
import { HistoryRepository, type HistoryMode } from './history-repository.js';
import { DealRepository } from './deal-repository.js';
import { ExportRepository } from './export-repository.js';
import { ImportRepository, openScratchDatabase } from './import-repository.js';
import { approximateRows, resumeAfterBulk, suspendForBulk, type BulkState } from './bulk-insert.js';
import type { LocalDate } from '../domain/local-date.js';

/** The most of the file readMapped() maps (SQLite maps no more than the file's size). */
const MAPPED_READ_BYTES = 2 ** 31;

export class Store {
  readonly customers: CustomerRepository;
  readonly sales: SaleRepository;
  readonly settings: SettingsRepository;
  readonly goals: GoalRepository;
  readonly report: ReportRepository;
  readonly checkins: CheckinRepository;
  readonly followups: FollowupRepository;
  readonly concerns: ConcernRepository;
  readonly reorders: ReorderRepository;
  readonly advice: AdviceRepository;
  /** `import json`: an export's records back in, as they were. */
  readonly restore: RestoreRepository;
  readonly history: HistoryRepository;
  readonly deals: DealRepository;
  /** `export json|csv|ics`: every record, streamed as SQLite reads it. */
  readonly exports: ExportRepository;

  constructor(private readonly db: Db, readonly path: string, nowIso: () => string) {
    this.customers = new CustomerRepository(db, nowIso);
    this.sales = new SaleRepository(db, nowIso);
    this.settings = new SettingsRepository(db);
    this.goals = new GoalRepository(db, nowIso);
    this.report = new ReportRepository(db);
    this.checkins = new CheckinRepository(db, nowIso);
    this.followups = new FollowupRepository(db, nowIso);
    this.concerns = new ConcernRepository(db, nowIso);
    this.reorders = new ReorderRepository(db);
    this.advice = new AdviceRepository(db);
    this.restore = new RestoreRepository(db);
    this.history = new HistoryRepository(db, nowIso);
    this.deals = new DealRepository(db, nowIso);
    this.exports = new ExportRepository(db);
  }

  /** `onMigrate` hears of an upgrade of a database that holds data before it starts. */
  static open(path: string, mode: OpenMode, nowIso: () => string, onMigrate?: (notice: MigrationNotice) => void): Store {
    return new Store(openDatabase(path, mode, nowIso, undefined, onMigrate), path, nowIso);
  }

  /** An empty database in memory with spm's schema: `import --dry-run` counts against it when there is no file. */
  static scratch(nowIso: () => string): Store {
    return new Store(openScratchDatabase(), ':memory:', nowIso);
  }

  /** The writer of a CSV import: prepared statements and a customer cache, reused for every row. */
  importer(nowIso: string, today: LocalDate, defaultCadenceDays: number | null): ImportRepository {
    return new ImportRepository(this.db, nowIso, today, defaultCadenceDays);
  }

  /**
   * Before a large import into `table` (`estimatedRows` in the file): sets the per-row insert
   * triggers aside, and the secondary indexes too when the file outweighs the table
   * (store/bulk-insert.ts). Undefined when the ordinary path must be taken. Inside write().
   */
  suspendForBulk(table: 'sales' | 'checkins', estimatedRows: number): BulkState | undefined {
    return suspendForBulk(this.db, table, estimatedRows >= approximateRows(this.db, table));
  }

  /** After the rows: rebuilds what suspendForBulk set aside and brings the derived tables up to date. */
  resumeAfterBulk(state: BulkState): void {
    resumeAfterBulk(this.db, state);
  }

  /**
   * Runs `work` in one BEGIN IMMEDIATE transaction: all of it is written, or none. What it
   * writes is one change in the history (`history`: how), so `spm undo` can revert it.
   */
  write<T>(work: () => T, history: HistoryMode = 'record'): T {
    return this.db.transaction(() => {
      if (history === 'reset') this.history.reset();
      const recording = this.history.begin(history);
      const result = work();
      if (recording) this.history.end();
      return result;
    }).immediate();
  }

  /** Runs `work` in one read transaction, so every query sees the same snapshot. */
  read<T>(work: () => T): T {
    return this.db.transaction(work).deferred();
  }

  /**
   * read() with the file memory-mapped: the views that read a few thousand pages here and there
   * (the daily view, the dashboard, the report) take them from the system's file cache without
   * copying each (the report's at-risk query: ~100 -> ~60 ms CPU on the 10-year bench database).
   * Lists and exports, which read every row, use read(): a mapped file counts in their memory.
   */
  readMapped<T>(work: () => T): T {
    this.db.pragma(`mmap_size = ${MAPPED_READ_BYTES}`);
    try {
      return this.read(work);
    } finally {
      this.db.pragma('mmap_size = 0');
    }
  }

  /** A consistent copy of the database into `destination` (which must exist), integrity-checked. */
  backupTo(destination: string): Promise<{ pages: number; integrity: string }> {
    return backupDatabase(this.db, destination);
  }

  /** Whether any record table has a row (settings alone do not count). */
  holdsData(): boolean {
    return holdsData(this.db);
  }

  /** Writes `spm demo`'s generated data; call inside write(). */
  seedDemo(data: DemoData, nowIso: string): DemoCounts {
    return seedDemo(this.db, data, nowIso);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
