/**
 * A toy context for the platform's own tests: couriers pledge tips (source events on `pledges-*`
 * streams), a reaction turns each pledge into an AddTip command on the jar's stream, and the jar's
 * decider refuses a tip that is not positive or would overfill it. Small enough to compute an
 * independent oracle from the pledges alone.
 */
import type { Command, Decider, DomainEvent } from '@handoff/kernel';
import { refusalsOf } from '@handoff/kernel';
import { handleCommand } from '@handoff/commands';
import { defineReaction } from '@handoff/reactions';

export type TipAdded = DomainEvent<'TipAdded', { jarId: string; amountMinor: number; by: string }>;
export type TipPledged = DomainEvent<'TipPledged', { jarId: string; amountMinor: number }>;
type Tip = { jarId: string; amountMinor: number; by: string; ceilingMinor: number };
type Jar = { totalMinor: number };

export const JAR_CEILING_MINOR = 1_000_000_000;
const refuse = refusalsOf({ 'JAR.FULL': 'conflict', 'JAR.NOT_POSITIVE': 'rule-broken' });

export const jarDecider: Decider<Tip, Jar, TipAdded> = {
  initialState: () => ({ totalMinor: 0 }),
  decide: (tip, state) => {
    if (tip.amountMinor <= 0) throw refuse('JAR.NOT_POSITIVE', `A tip of ${tip.amountMinor} is not a tip.`);
    if (state.totalMinor + tip.amountMinor > tip.ceilingMinor) throw refuse('JAR.FULL', `Jar ${tip.jarId} holds at most ${tip.ceilingMinor}.`);
    return [{ type: 'TipAdded', data: { jarId: tip.jarId, amountMinor: tip.amountMinor, by: tip.by } }];
  },
  evolve: (state, event) => ({ totalMinor: state.totalMinor + event.data.amountMinor }),
};

export type AddTip = Command<'AddTip', { jarId: string; amountMinor: number; ceilingMinor?: number }>;
export const jarStream = (jarId: string): string => `jar-${jarId}`;

export const addTipHandling = handleCommand<AddTip, Tip, Jar, TipAdded>({
  type: 'AddTip',
  decider: jarDecider,
  streamOf: (command) => jarStream(command.data.jarId),
  roles: ['courier', 'system'],
  toDomain: (command) => ({ jarId: command.data.jarId, amountMinor: command.data.amountMinor, by: command.metadata.actor.id, ceilingMinor: command.data.ceilingMinor ?? JAR_CEILING_MINOR }),
  created: (command) => ({ jarId: command.data.jarId }),
});

export const addTip = (jarId: string, amountMinor: number, role = 'courier', idempotencyKey?: string): AddTip => ({
  type: 'AddTip',
  data: { jarId, amountMinor },
  metadata: { actor: { role, id: `${role}-1` }, now: '2026-12-07T10:00:00.000Z', correlationId: 'corr-1', causationId: 'cause-1', ...(idempotencyKey ? { idempotencyKey } : {}) },
});

/** Every pledge becomes one AddTip on its jar. */
export const tipJarsReaction = defineReaction<TipPledged>({
  name: 'tip-jars',
  version: 1,
  handlers: {
    TipPledged: (event) => [{ type: 'AddTip', data: { jarId: event.data.jarId, amountMinor: event.data.amountMinor } }],
  },
});
