import { PassThrough } from 'node:stream';
import { takeEach } from './take-each';

const objects = () => new PassThrough({ objectMode: true });
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('takeEach', () => {
  it('takes buffered and later items in order, waits when take asks it to, and resolves at the end', async () => {
    const stream = objects();
    for (const n of [1, 2, 3]) stream.write(n);
    const seen: number[] = [];
    const done = takeEach<number>(stream, (n) => {
      seen.push(n);
      return n === 2 ? tick().then(() => undefined) : undefined;
    });
    await tick();
    stream.write(4);
    stream.end(5);
    await done;
    expect(seen).toEqual([1, 2, 3, 4, 5]);
  });

  it('rejects with an error the stream emits, even one emitted without destroying it', async () => {
    const stream = objects();
    const done = takeEach<number>(stream, () => undefined);
    await tick();
    stream.emit('error', new Error('server went away'));
    await expect(done).rejects.toThrow('server went away');
  });

  it('rejects when the stream is destroyed before it ended', async () => {
    const stream = objects();
    const done = takeEach<number>(stream, () => undefined);
    await tick();
    stream.destroy();
    await expect(done).rejects.toThrow('closed before it ended');
  });

  it('returns once stopped, leaving what is still buffered', async () => {
    const stream = objects();
    for (const n of [1, 2, 3]) stream.write(n);
    let stopped = false;
    const seen: number[] = [];
    await takeEach<number>(
      stream,
      (n) => {
        seen.push(n);
        stopped = n === 2;
        return undefined;
      },
      () => stopped,
    );
    expect(seen).toEqual([1, 2]);
    expect(stream.read()).toBe(3);
  });
});
