import { Logger } from '@nestjs/common';
import { FixedClock } from '../clock/clock';
import { LogLevel } from '../config/handoff-environment';
import { JsonLogger } from './json-logger';

const capture = (level?: LogLevel) => {
  const lines: string[] = [];
  const logger = new JsonLogger({ level, clock: new FixedClock('2025-05-01T12:00:00.000Z'), sink: (line) => lines.push(line) });
  const records = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, lines, records };
};

describe('JsonLogger', () => {
  it('writes one JSON object per line with time, level, context and msg', () => {
    const { logger, lines, records } = capture();
    logger.log('api listening', 'Bootstrap');
    expect(lines).toHaveLength(1);
    expect(lines[0].endsWith('\n')).toBe(true);
    expect(lines[0].trimEnd()).not.toContain('\n');
    expect(records()).toEqual([{ time: '2025-05-01T12:00:00.000Z', level: 'info', context: 'Bootstrap', msg: 'api listening' }]);
  });

  it('adds the fields of an object message, without letting them overwrite the core fields', () => {
    const { logger, records } = capture();
    logger.warn({ msg: 'append retried', stream: 'parcel-1', attempt: 2, revision: 41n, level: 'sneaky' }, 'EventStore');
    expect(records()[0]).toEqual({
      time: '2025-05-01T12:00:00.000Z',
      level: 'warn',
      context: 'EventStore',
      msg: 'append retried',
      stream: 'parcel-1',
      attempt: 2,
      revision: '41',
      level_: 'sneaky',
    });
  });

  it("keeps Nest's (message, stack, context) form for errors", () => {
    const { logger, records } = capture();
    logger.error('boom', 'Error: boom\n    at somewhere', 'ExceptionHandler');
    expect(records()[0]).toMatchObject({ level: 'error', context: 'ExceptionHandler', msg: 'boom', stack: 'Error: boom\n    at somewhere' });
  });

  it('describes an Error message with its name and code', () => {
    const { logger, records } = capture();
    logger.error(Object.assign(new Error('conflict'), { code: 'EVENTSTORE.CONCURRENCY_CONFLICT' }));
    expect(records()[0]).toMatchObject({ msg: 'conflict', err: { name: 'Error', code: 'EVENTSTORE.CONCURRENCY_CONFLICT' } });
  });

  it('drops levels below the configured one', () => {
    const { logger, records } = capture('warn');
    logger.debug('noise');
    logger.log('still noise');
    logger.warn('heads up');
    logger.fatal('down');
    expect(records().map((r) => r.level)).toEqual(['warn', 'fatal']);
  });

  it('receives what Nest loggers write once installed', () => {
    const { logger, records } = capture();
    Logger.overrideLogger(logger);
    try {
      new Logger('Projector').log('ready');
    } finally {
      Logger.overrideLogger(['log', 'error', 'warn']);
    }
    expect(records()).toEqual([{ time: '2025-05-01T12:00:00.000Z', level: 'info', context: 'Projector', msg: 'ready' }]);
  });

  it('never writes credentials, bodies or recipients, even when a caller passes them', () => {
    const { logger, lines, records } = capture();
    logger.warn(
      {
        msg: 'odd request',
        req: { method: 'POST', headers: { authorization: 'Bearer hk_secret', 'x-api-key': 'hk_other', cookie: 's=1', 'user-agent': 'curl' }, body: { recipient: { name: 'Ann Lister' } } },
        body: { name: 'Ann Lister' },
        recipient: { name: 'Ann Lister', phone: '+44 7700 900123' },
      },
      'HTTP',
    );
    expect(lines.join('')).not.toMatch(/hk_secret|hk_other|Ann Lister|7700/);
    expect(records()[0]).toMatchObject({
      req: { method: 'POST', headers: { authorization: '[redacted]', 'x-api-key': '[redacted]', cookie: '[redacted]', 'user-agent': 'curl' }, body: '[redacted]' },
      body: '[redacted]',
      recipient: '[redacted]',
    });
  });

  it('writes level labels, not numbers, and bigints nested anywhere as decimal strings', () => {
    const { logger, lines, records } = capture('verbose');
    logger.verbose({ msg: 'caught up', position: { commit: 2n ** 60n, prepare: 7n }, revisions: [1n] }, 'Projector');
    expect(lines[0]).toMatch(/^\{"level":"verbose",/);
    expect(records()[0]).toMatchObject({ level: 'verbose', position: { commit: '1152921504606846976', prepare: '7' }, revisions: ['1'] });
  });
});
