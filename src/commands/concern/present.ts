// How a concern looks in JSON (`concern list --json`, and inside other commands' output).
import type { Concern } from '../../domain/records.js';

export function concernJson(concern: Concern) {
  return {
    id: concern.id,
    customer: { id: concern.customer.id, name: concern.customer.name },
    opened: concern.openedDate,
    summary: concern.summary,
    severity: concern.severity,
    status: concern.status,
    resolved: concern.resolvedDate,
    resolution: concern.resolution,
  };
}
