import { cachedFor, Metrics } from './metrics';

describe('Metrics', () => {
  it('counts commands by type and outcome and times them by type', async () => {
    const metrics = new Metrics({ defaultMetrics: false });
    metrics.recordCommand('AcceptHandoff', 'ok', 0.004);
    metrics.recordCommand('AcceptHandoff', 'refused', 0.002);
    metrics.recordCommand('DeliverParcel', 'ok', 0.3);
    const text = await metrics.scrape();
    expect(text).toContain('handoff_commands_total{type="AcceptHandoff",outcome="ok"} 1');
    expect(text).toContain('handoff_commands_total{type="AcceptHandoff",outcome="refused"} 1');
    expect(text).toContain('handoff_commands_total{type="DeliverParcel",outcome="ok"} 1');
    expect(text).toContain('handoff_command_duration_seconds_bucket{le="0.005",type="AcceptHandoff"} 2');
    expect(text).toContain('handoff_command_duration_seconds_bucket{le="0.25",type="DeliverParcel"} 0');
    expect(text).toContain('handoff_command_duration_seconds_count{type="DeliverParcel"} 1');
  });

  it('gives a component the metric already registered under a name, so registering twice is harmless', () => {
    const metrics = new Metrics({ defaultMetrics: false });
    const first = metrics.counter({ name: 'handoff_test_total', help: 'test', labelNames: ['kind'] });
    expect(metrics.counter({ name: 'handoff_test_total', help: 'test', labelNames: ['kind'] })).toBe(first);
    expect(metrics.rateLimitHits).toBe(metrics.counter({ name: 'handoff_rate_limit_hits_total', help: '' }));
  });

  it("shows the verifier's figures as read on scrape (one read for both), and 0 before a verifier is wired", async () => {
    const metrics = new Metrics({ defaultMetrics: false });
    expect(await metrics.scrape()).toContain('handoff_verification_position 0');
    let reads = 0;
    metrics.readVerificationFrom(async () => ({ position: 4_096 + reads++, failedStreams: 1 }));
    const text = await metrics.scrape();
    expect(text).toContain('handoff_verification_position 4096');
    expect(text).toContain('handoff_verification_failed_streams 1');
    expect(reads).toBe(1);
  });

  it("keeps each app's series apart from another's in the same process", async () => {
    const one = new Metrics({ defaultMetrics: false });
    const two = new Metrics({ defaultMetrics: false });
    one.refusals.inc({ code: 'PARCEL.NOT_HOLDER' });
    expect(await two.scrape()).not.toContain('PARCEL.NOT_HOLDER');
  });
});

describe('cachedFor', () => {
  it('loads once per period, and again after it', async () => {
    let now = 0;
    let loads = 0;
    const read = cachedFor(
      2_000,
      async () => ++loads,
      () => now,
    );
    expect(await Promise.all([read(), read()])).toEqual([1, 1]);
    now = 1_999;
    expect(await read()).toBe(1);
    now = 2_000;
    expect(await read()).toBe(2);
  });

  it('does not keep a failed load: the next scrape tries again', async () => {
    let fail = true;
    const read = cachedFor(60_000, async () => {
      if (fail) throw new Error('read store down');
      return 'status';
    });
    await expect(read()).rejects.toThrow('read store down');
    fail = false;
    expect(await read()).toBe('status');
  });
});
