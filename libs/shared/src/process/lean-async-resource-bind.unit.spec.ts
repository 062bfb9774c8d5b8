import { AsyncLocalStorage, AsyncResource } from 'node:async_hooks';
import { installLeanAsyncResourceBind } from './lean-async-resource-bind';

describe('the lean AsyncResource#bind', () => {
  const original = AsyncResource.prototype.bind;
  afterAll(() => {
    AsyncResource.prototype.bind = original;
  });

  it('is installed only where Node still adds the deprecated accessor, and then leaves it out', () => {
    const before = Object.getOwnPropertyDescriptor(
      new AsyncResource('t').bind(() => undefined),
      'asyncResource',
    );
    expect(installLeanAsyncResourceBind()).toBe(before !== undefined);
    expect(
      Object.getOwnPropertyDescriptor(
        new AsyncResource('t').bind(() => undefined),
        'asyncResource',
      ),
    ).toBeUndefined();
  });

  it('runs the function in the async context where it was bound, not where it is called', async () => {
    installLeanAsyncResourceBind();
    const storage = new AsyncLocalStorage<string>();
    const bound = storage.run('request-1', () => AsyncResource.bind(() => storage.getStore()));
    const unbound = storage.run('request-1', () => () => storage.getStore());
    await storage.run('request-2', async () => {
      expect(bound()).toBe('request-1');
      expect(unbound()).toBe('request-2');
    });
  });

  it("passes arguments, result and errors through, with thisArg or else the call's this, and keeps length", () => {
    installLeanAsyncResourceBind();
    const resource = new AsyncResource('t');
    function describeCall(this: unknown, a: number, b: number) {
      return { self: this, sum: a + b };
    }
    const target = { name: 'target' };
    // Node documents bind(fn, thisArg); @types/node declares only bind(fn).
    const bindWithThis = resource.bind as unknown as (fn: typeof describeCall, thisArg: unknown) => typeof describeCall;
    const withThis = bindWithThis.call(resource, describeCall, target);
    expect(withThis(1, 2)).toEqual({ self: target, sum: 3 });
    const method = { name: 'caller', call: resource.bind(describeCall) };
    expect(method.call(2, 3)).toEqual({ self: method, sum: 5 });
    expect(withThis.length).toBe(2);
    expect(
      resource.bind(() => {
        throw new RangeError('boom');
      }),
    ).toThrow(RangeError);
    expect(() => resource.bind('not a function' as never)).toThrow(TypeError);
  });
});
