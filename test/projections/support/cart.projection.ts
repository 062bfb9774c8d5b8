/**
 * A test projection that exercises every kind of change: upserts with several operators, two
 * changes to one document from one event, updates of existing documents only, and deletes.
 */
import { defineProjection, remove, update, upsert } from '@handoff/projections';
import type { DomainEvent } from '@handoff/eventstore';

export type CartEvent =
  DomainEvent<'ItemAdded', { cartId: string; sku: string; quantity: number }> | DomainEvent<'ItemRemoved', { cartId: string; sku: string }> | DomainEvent<'CartDiscarded', { cartId: string }>;

export const CART_EVENT_TYPES = ['ItemAdded', 'ItemRemoved', 'CartDiscarded'];

export const cartProjection = (options: { version?: number; failOn?: (event: { type: string; data: any }) => boolean; name?: string; prefix?: string } = {}) => {
  const carts = `${options.prefix ?? ''}carts`;
  const skus = `${options.prefix ?? ''}skus`;
  const guard = (event: { type: string; data: any }) => {
    if (options.failOn?.(event)) throw new Error(`cannot project ${event.type} ${JSON.stringify(event.data)}`);
  };
  return defineProjection<CartEvent>({
    name: options.name ?? 'carts',
    version: options.version ?? 1,
    collections: { [carts]: { indexes: [{ key: { itemCount: -1 } }] }, [skus]: {} },
    handlers: {
      ItemAdded: (event) => {
        guard(event);
        return [
          upsert(carts, event.data.cartId, { $inc: { itemCount: event.data.quantity, lines: 1 }, $push: { skus: event.data.sku } }),
          upsert(carts, event.data.cartId, { $set: { lastSku: event.data.sku, lastRevision: Number(event.revision) } }),
          upsert(skus, event.data.sku, { $inc: { added: event.data.quantity } }),
        ];
      },
      ItemRemoved: (event) => {
        guard(event);
        return [update(carts, event.data.cartId, { $inc: { lines: -1 }, $pull: { skus: event.data.sku } }), upsert(skus, event.data.sku, { $inc: { removed: 1 } })];
      },
      CartDiscarded: (event) => {
        guard(event);
        return [remove(carts, event.data.cartId)];
      },
    },
  });
};

/** A deterministic stream of cart events: adds, removes, discards and carts re-created after a discard. */
export function cartEvents(count: number, carts = 50): { stream: string; type: string; data: Record<string, unknown> }[] {
  const events: { stream: string; type: string; data: Record<string, unknown> }[] = [];
  for (let i = 0; i < count; i++) {
    const cartId = `c${(i * 7) % carts}`;
    const sku = `s${i % 13}`;
    const roll = i % 10;
    const type = roll < 7 ? 'ItemAdded' : roll < 9 ? 'ItemRemoved' : 'CartDiscarded';
    const data = type === 'ItemAdded' ? { cartId, sku, quantity: 1 + (i % 3) } : type === 'ItemRemoved' ? { cartId, sku } : { cartId };
    events.push({ stream: `cart-${cartId}`, type, data });
  }
  return events;
}
