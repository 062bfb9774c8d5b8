import { Controller, Get, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import { METRICS_CONTENT_TYPE, Metrics } from '@handoff/shared';
import { Public } from '@handoff/shared/auth';
import { MetricsScrapeGuard } from './metrics-scrape.guard';

/** `GET /metrics`: Prometheus text format for a scraper with the metrics token or an admin (docs/operations.md). */
@Controller('metrics')
export class MetricsHttpController {
  constructor(private readonly metrics: Metrics) {}

  // Public to the API-key guard only: MetricsScrapeGuard decides, because it also takes the metrics token.
  @Public()
  @UseGuards(MetricsScrapeGuard)
  @ApiExcludeEndpoint()
  @Get()
  async scrape(@Res({ passthrough: true }) reply: { header(name: string, value: string): unknown }): Promise<string> {
    reply.header('content-type', METRICS_CONTENT_TYPE);
    return this.metrics.scrape();
  }
}
