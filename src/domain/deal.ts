// Deals (open quotes and proposals): the record, the ordered stage list, and the rules a
// command checks before writing one (stage names, close dates, what a closed deal may do).
import { InputError } from './errors.js';
import { daysBetween, type LocalDate } from './local-date.js';
import type { CustomerRef } from './records.js';

export const DEAL_STATUSES = ['open', 'won', 'lost'] as const;
export type DealStatus = (typeof DEAL_STATUSES)[number];

export const DEFAULT_DEAL_STAGES: readonly string[] = ['lead', 'qualified', 'proposal', 'negotiation'];
export const DEFAULT_DEAL_STALE_DAYS = 14;

/** The day a deal entered a stage; a deal moved back and forth has one entry per move. */
export interface StageEntry {
  stage: string;
  date: LocalDate;
}

export interface Deal {
  id: number;
  customer: CustomerRef;
  title: string;
  valueCents: number;
  stage: string;
  status: DealStatus;
  expectedCloseDate: LocalDate | null;
  product: string | null;
  technique: string | null;
  note: string | null;
  createdDate: LocalDate;
  /** The day it entered its current stage (the last stage-history entry). */
  stageDate: LocalDate;
  closedDate: LocalDate | null;
  lostReason: string | null;
  /** The won or lost sale the deal became (null while open). */
  saleId: number | null;
  externalId: string | null;
}

// Stage names become setting keys (deal-probability-<stage>) and CSV values: keep them plain.
const STAGE_NAME = /^[a-z0-9][a-z0-9-]{0,29}$/;

/** `lead, Qualified ,proposal` → ['lead', 'qualified', 'proposal']; refuses blanks, repeats and odd names. */
export function parseStageList(text: string): string[] {
  const stages = text.split(',').map((s) => s.trim().toLowerCase());
  if (stages.length === 0 || stages.every((s) => s === '')) throw new InputError('deal-stages is empty', 'Give stages in order, e.g. lead,qualified,proposal,negotiation.');
  for (const stage of stages) {
    if (!STAGE_NAME.test(stage)) {
      throw new InputError(`stage ${JSON.stringify(stage)} is not a stage name`, 'Stage names are letters, digits and dashes (at most 30), separated by commas.');
    }
    if (['won', 'lost', 'open', 'all'].includes(stage)) throw new InputError(`stage ${JSON.stringify(stage)} is a deal status, not a stage`, 'A deal is won or lost with spm deal won/lost.');
  }
  const repeated = stages.find((s, i) => stages.indexOf(s) !== i);
  if (repeated) throw new InputError(`stage ${JSON.stringify(repeated)} is listed twice`);
  if (stages.length > 20) throw new InputError('at most 20 deal stages');
  return stages;
}

/** A stage typed by a user: exact, else a unique prefix (`neg` → negotiation). */
export function resolveStage(text: string, stages: readonly string[]): string {
  const key = text.trim().toLowerCase();
  if (stages.includes(key)) return key;
  const matches = key === '' ? [] : stages.filter((s) => s.startsWith(key));
  if (matches.length === 1) return matches[0];
  // "won" and "lost" are outcomes, not stages: a rep typing `deal move 7 won` wants `deal won 7`.
  const closing = key === 'won' || key === 'lost' ? ` To close a deal: spm deal ${key} <deal>.` : '';
  throw new InputError(`unknown stage ${JSON.stringify(text)}`, `Stages: ${stages.join(', ')} (spm config set deal-stages …).${closing}`);
}

/** Stages of `before` missing from `after` that open deals are in; a new list may not drop them. */
export function droppedStagesInUse(after: readonly string[], openDealStages: readonly string[]): string[] {
  return [...new Set(openDealStages.filter((s) => !after.includes(s)))];
}

export function parseDealStatus(text: string): DealStatus | 'all' {
  const key = text.trim().toLowerCase();
  if (key === 'all' || (DEAL_STATUSES as readonly string[]).includes(key)) return key as DealStatus | 'all';
  throw new InputError(`--status ${JSON.stringify(text)} is not a deal status`, 'Use open, won, lost or all.');
}

/** An expected close before the deal was created is a typo (exit 2). */
export function assertCloseAfterCreated(expectedCloseDate: LocalDate | null, createdDate: LocalDate): void {
  if (expectedCloseDate !== null && expectedCloseDate < createdDate) {
    throw new InputError(`close date ${expectedCloseDate} is before the deal was created (${createdDate})`, 'Give a close date on or after the created date.');
  }
}

/** Only open deals move, win or lose; closed ones are reopened first. */
export function assertOpen(deal: Pick<Deal, 'id' | 'status'>, action: string): void {
  if (deal.status !== 'open') {
    throw new InputError(`deal #${deal.id} is ${deal.status}: it cannot be ${action}`, `Reopen it first: spm deal reopen ${deal.id}`);
  }
}

/** Days in the current stage as of `today` (0 on the day it entered; never negative). */
export function daysInStage(deal: Pick<Deal, 'stageDate'>, today: LocalDate): number {
  return Math.max(0, daysBetween(deal.stageDate, today));
}

/** Stale: open and in its stage for more than `staleDays` days. */
export function isStale(deal: Pick<Deal, 'status' | 'stageDate'>, today: LocalDate, staleDays: number): boolean {
  return deal.status === 'open' && daysInStage(deal, today) > staleDays;
}

/** Close overdue: open and its expected close date has passed. */
export function isCloseOverdue(deal: Pick<Deal, 'status' | 'expectedCloseDate'>, today: LocalDate): boolean {
  return deal.status === 'open' && deal.expectedCloseDate !== null && deal.expectedCloseDate < today;
}

/** Days from each history entry to the next (the last one up to `until`), for `deal show`. */
export function stageDurations(history: readonly StageEntry[], until: LocalDate): (StageEntry & { days: number })[] {
  return history.map((entry, i) => ({ ...entry, days: Math.max(0, daysBetween(entry.date, i + 1 < history.length ? history[i + 1].date : until)) }));
}
