// Every context's command endpoints take their facts the same way: the decorator is @handoff/commands'.
export { Facts } from '@handoff/commands';
