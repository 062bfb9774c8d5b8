import { AsyncResource } from 'node:async_hooks';

/**
 * `AsyncResource#bind` as Node 20 ships it gives every bound function a deprecated `asyncResource`
 * accessor (DEP0172) made with two `deprecate()` wrappers and `Object.defineProperties`: ~9 us per
 * call here against 0.5 us without, and functions in dictionary mode that outlive scavenges
 * (nodejs/node#58218; Node drops the property in nodejs/node#58618). Fastify binds one per request
 * with a body. On the custody bench, leaving the accessor out cut the API's CPU per command by ~10%.
 *
 * Where the accessor is present, `bind` is replaced by the documented contract without it: the
 * returned function runs `fn` in the resource's async scope, with `thisArg` if given, else the
 * call's own `this`, passes its arguments and result through, and keeps `fn.length`. Nothing here
 * reads `bound.asyncResource`. Where Node no longer defines it, this changes nothing.
 * Returns whether it replaced `bind`.
 */
export function installLeanAsyncResourceBind(): boolean {
  const probe = new AsyncResource('handoff-bind-probe').bind(() => undefined);
  if (!Object.getOwnPropertyDescriptor(probe, 'asyncResource')) return false;
  AsyncResource.prototype.bind = function leanBind<Func extends (...args: any[]) => any>(this: AsyncResource, fn: Func, thisArg?: unknown) {
    if (typeof fn !== 'function') throw new TypeError(`The "fn" argument must be of type function. Received ${typeof fn}`);
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the bound function has its own `this`, the caller's.
    const resource = this;
    const bound =
      thisArg === undefined
        ? function (this: unknown, ...args: unknown[]) {
            return resource.runInAsyncScope(fn, this, ...args);
          }
        : (...args: unknown[]) => resource.runInAsyncScope(fn, thisArg, ...args);
    Object.defineProperty(bound, 'length', { configurable: true, enumerable: false, writable: false, value: fn.length });
    return bound as Func;
  } as typeof AsyncResource.prototype.bind;
  return true;
}
