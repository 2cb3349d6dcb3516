// How a customer looks in JSON and in a line of text.
import type { Customer } from '../../domain/records.js';

export function customerJson(customer: Customer) {
  return {
    id: customer.id,
    name: customer.name,
    company: customer.company,
    email: customer.email,
    phone: customer.phone,
    segment: customer.segment,
    tags: customer.tags,
    cadenceDays: customer.cadenceDays,
    archived: customer.archived,
  };
}

export function customerLabel(customer: { id: number; name: string }): string {
  return `#${customer.id} ${customer.name}`;
}
