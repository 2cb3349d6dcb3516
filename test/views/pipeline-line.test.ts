// A stale or overdue deal's line on `spm pipeline`: whole when it fits; the title gives room
// first and goes whole when only a stub of it would be left, so the customer's name stays.
import { describe, expect, test } from '@jest/globals';
import { pipelineDealLine } from '../../src/commands/pipeline/pipeline.js';

const deal = {
  id: 81, customer: { id: 3, name: 'Willow Logistics' }, title: 'Support rollout', value: 3100, stage: 'negotiation',
  status: 'open', expectedClose: '2026-11-26', daysInStage: 21, probability: 85,
};

describe('pipelineDealLine', () => {
  test.each([
    [Infinity, '#81 Willow Logistics · Support rollout $3,100 (negotiation for 21 days)'],
    [71, '#81 Willow Logistics · Support rollout $3,100 (negotiation for 21 days)'],
    [70, '#81 Willow Logistics · Support rollo… $3,100 (negotiation for 21 days)'],
    [62, '#81 Willow Logistics · Suppo… $3,100 (negotiation for 21 days)'],
    [59, '#81 Willow Logist… · Supp… $3,100 (negotiation for 21 days)'],
    [58, '#81 Willow Logistics $3,100 (negotiation for 21 days)'],
    [48, '#81 Willow Log… $3,100 (negotiation for 21 days)'],
  ])('stale, at %p columns', (width, line) => {
    expect(pipelineDealLine(deal, 'USD', 'stale', width)).toBe(line);
  });

  test('a passed close date names the day', () => {
    expect(pipelineDealLine(deal, 'USD', 'overdue')).toBe('#81 Willow Logistics · Support rollout $3,100 (close date 2026-11-26 passed)');
  });
});
