import { defineReaction, ReactionDefinitionError, reactionKey } from './reaction-definition';

describe('defineReaction', () => {
  const handlers = { TipPledged: () => [] };

  it('refuses a name, version or event type that would name leases, checkpoints and keys badly', () => {
    expect(() => defineReaction({ name: 'Pay Accruals', version: 1, handlers })).toThrow(ReactionDefinitionError);
    expect(() => defineReaction({ name: 'pay-accruals', version: 0, handlers })).toThrow('positive integer');
    expect(() => defineReaction({ name: 'pay-accruals', version: 1.5, handlers })).toThrow('positive integer');
    expect(() => defineReaction({ name: 'pay-accruals', version: 1, handlers: { $metadata: () => [] } })).toThrow('system event type "$metadata"');
    expect(() => defineReaction({ name: 'pay-accruals', version: 1, handlers: {} })).toThrow('at least one event type');
  });

  it('keys each command by reaction, version, source event and place in the answer', () => {
    const reaction = defineReaction({ name: 'pay-accruals', version: 2, handlers });
    expect(reactionKey(reaction, 'evt-1', 0)).toBe('pay-accruals@v2:evt-1:0');
    expect(reactionKey(reaction, 'evt-1', 1)).not.toBe(reactionKey(reaction, 'evt-1', 0));
  });
});
