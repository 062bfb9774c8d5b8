/**
 * Server-side filters for $all reads and subscriptions: on event type or stream name, by prefixes
 * or a regular expression. As in EventStoreDB, a filtered read never shows system events
 * (types starting with `$`), and subscriptions send a checkpoint every `window × multiplier`
 * events scanned, so a filtered subscriber can resume from where the search got to.
 */
import { RecordedEvent } from '../storage/event-record';
import { BadRequest } from './bad-request';

export interface WireFilter {
  filter?: 'stream_identifier' | 'event_type';
  stream_identifier?: WireExpression;
  event_type?: WireExpression;
  window?: 'max' | 'count';
  max?: number;
  checkpointIntervalMultiplier?: number;
}

interface WireExpression {
  regex?: string;
  prefix?: string[];
}

export interface EventFilter {
  matches(event: RecordedEvent): boolean;
  checkpointInterval: number;
}

/** EventStoreDB's search window when the client asks for `count` instead of a maximum. */
const DEFAULT_WINDOW = 32;

export function compileFilter(wire: WireFilter): EventFilter {
  const on = wire.filter ?? (wire.event_type ? 'event_type' : wire.stream_identifier ? 'stream_identifier' : undefined);
  const expression = on === 'event_type' ? wire.event_type : on === 'stream_identifier' ? wire.stream_identifier : undefined;
  if (!on || !expression) throw new BadRequest('filter needs an event type or stream name expression');
  const prefixes = expression.prefix ?? [];
  let regex: RegExp | undefined;
  if (expression.regex) {
    try {
      regex = new RegExp(expression.regex);
    } catch {
      throw new BadRequest(`filter regex "${expression.regex}" is not a valid regular expression`);
    }
  }
  const window = wire.window === 'max' && wire.max ? wire.max : DEFAULT_WINDOW;
  return {
    checkpointInterval: window * Math.max(1, wire.checkpointIntervalMultiplier ?? 1),
    matches(event) {
      const type = event.type;
      if (type.startsWith('$')) return false;
      const value = on === 'event_type' ? type : event.streamName;
      if (prefixes.length > 0 && !prefixes.some((prefix) => value.startsWith(prefix))) return false;
      if (regex && !regex.test(value)) return false;
      return true;
    },
  };
}
