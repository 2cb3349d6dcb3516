// The records spm keeps, as the rest of the code sees them (camelCase, units in names).
import type { LocalDate } from './local-date.js';

export interface CustomerRef {
  id: number;
  name: string;
}

export interface Customer {
  id: number;
  name: string;
  company: string | null;
  email: string | null;
  phone: string | null;
  segment: string | null;
  tags: string[];
  notes: string | null;
  cadenceDays: number | null;
  archived: boolean;
  /** The local day the customer was added: last contact when there is none yet. */
  addedDate: LocalDate;
}

export type SaleOutcome = 'won' | 'lost';
export const SALE_OUTCOMES: readonly SaleOutcome[] = ['won', 'lost'];

export interface Sale {
  id: number;
  date: LocalDate;
  customer: CustomerRef;
  amountCents: number;
  outcome: SaleOutcome;
  reason: string | null;
  technique: string | null;
  product: string | null;
  quantity: number | null;
  note: string | null;
  externalId: string | null;
}

export const CHECKIN_CHANNELS = ['call', 'email', 'meeting', 'visit', 'message', 'other'] as const;
export type CheckinChannel = (typeof CHECKIN_CHANNELS)[number];

export interface Checkin {
  id: number;
  date: LocalDate;
  customer: CustomerRef;
  channel: CheckinChannel;
  /** 1–5, or null when not rated. */
  satisfaction: number | null;
  note: string | null;
}

export const FOLLOWUP_SOURCES = ['manual', 'post-sale', 'cadence', 'concern'] as const;
export type FollowupSource = (typeof FOLLOWUP_SOURCES)[number];
export const FOLLOWUP_STATUSES = ['open', 'done', 'cancelled'] as const;
export type FollowupStatus = (typeof FOLLOWUP_STATUSES)[number];

export interface Followup {
  id: number;
  customer: CustomerRef;
  dueDate: LocalDate;
  reason: string | null;
  source: FollowupSource;
  status: FollowupStatus;
  saleId: number | null;
  concernId: number | null;
  /** The local day it was done or cancelled. */
  doneDate: LocalDate | null;
  note: string | null;
  /** The check-in that completed it, if one did. */
  checkinId: number | null;
  /** The deal it is about, if any. */
  dealId: number | null;
}

export const CONCERN_SEVERITIES = ['low', 'medium', 'high'] as const;
export type ConcernSeverity = (typeof CONCERN_SEVERITIES)[number];

export interface Concern {
  id: number;
  customer: CustomerRef;
  openedDate: LocalDate;
  summary: string;
  severity: ConcernSeverity;
  status: 'open' | 'resolved';
  resolvedDate: LocalDate | null;
  resolution: string | null;
}
