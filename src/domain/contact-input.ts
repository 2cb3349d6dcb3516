// Validation of what a user types for customers, check-ins and concerns: email, channel,
// satisfaction, severity.
import { InputError } from './errors.js';
import { CHECKIN_CHANNELS, CONCERN_SEVERITIES, type CheckinChannel, type ConcernSeverity } from './records.js';

/** Something@somewhere.tld: a loose check that catches a phone number or a name in the email column. */
export function looksLikeEmail(text: string): boolean {
  return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(text);
}

/** A check-in channel, any case: call, email, meeting, visit, message, other. */
export function parseChannel(text: string): CheckinChannel {
  const value = text.trim().toLowerCase();
  if (!(CHECKIN_CHANNELS as readonly string[]).includes(value)) {
    throw new InputError(`channel ${JSON.stringify(text)} is not one of ${CHECKIN_CHANNELS.join(', ')}`);
  }
  return value as CheckinChannel;
}

/** Satisfaction: a whole number from 1 (unhappy) to 5 (delighted). */
export function parseSatisfaction(text: string): number {
  const value = text.trim();
  if (!/^[1-5]$/.test(value)) throw new InputError(`satisfaction ${JSON.stringify(text)} is not a whole number from 1 to 5`, '1 = unhappy … 5 = delighted.');
  return Number(value);
}

export function parseSeverity(text: string): ConcernSeverity {
  const value = text.trim().toLowerCase();
  if (!(CONCERN_SEVERITIES as readonly string[]).includes(value)) {
    throw new InputError(`severity ${JSON.stringify(text)} is not one of ${CONCERN_SEVERITIES.join(', ')}`);
  }
  return value as ConcernSeverity;
}
