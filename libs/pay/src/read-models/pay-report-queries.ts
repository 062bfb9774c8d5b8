/**
 * The pay questions, answered from the pay read models (never from the ledger streams), each read
 * a handful of pre-aggregated documents, or one month's line buckets for a statement. Access is
 * checked first (pay-report-access.ts).
 */
import type { ReadModels } from '@handoff/projections';
import type { Money } from '../domain/money/money';
import { joinKey, monthKey } from './pay-read-model.keys';
import { mayReadHub, mayReadLedgerOf, type PayReader } from './pay-report-access';
import { payReportErrors } from './pay-report.errors';
import { payReadModelsProjection } from './pay-read-models.projection';
import { ANNUAL_TOTALS, COORDINATOR_MONTHS, HUB_CYCLE_MONTHS, PAY_EQUITY, SURGE_FIRST_REFUSAL } from './pay-reports/pay-reports.projection';
import {
  annualTotalsView,
  coordinatorCyclesView,
  deliveryCostView,
  payEquityView,
  type AnnualTotalsView,
  type CoordinatorCyclesView,
  type DeliveryCostView,
  type PayEquityView,
} from './pay-reports/pay-reports.views';
import { LINES_PER_BUCKET, STATEMENT_LINES, STATEMENT_MONTHS } from './pay-statements/pay-statement.projection';
import { pageOfLines, statementMonthView, type StatementMonthView } from './pay-statements/pay-statement.view';

const REPORTS = payReadModelsProjection.name;
export const MAX_STATEMENT_PAGE = 1_000;
export const DEFAULT_STATEMENT_PAGE = 500;
/** What a reader never needs: the runtime's marker and the key. */
const NO_BOOKKEEPING = { _id: 0, _position: 0 };

export class PayReportQueries {
  constructor(
    private readonly readModels: ReadModels,
    private readonly thresholds: Readonly<Record<string, Money>>,
  ) {}

  /**
   * The month's totals, statements and holds, and a page of its lines after revision `after`: the
   * buckets that can hold them are read (a bucket holds the lines of LINES_PER_BUCKET revisions),
   * a few more while holds and statements take revisions and leave the page short.
   */
  async statementMonth(reader: PayReader, participantId: string, period: string, page: { after?: number; limit?: number } = {}): Promise<StatementMonthView> {
    mayReadLedgerOf(reader, participantId);
    const after = page.after ?? -1;
    const limit = Math.min(MAX_STATEMENT_PAGE, Math.max(1, page.limit ?? DEFAULT_STATEMENT_PAGE));
    const [months, lines] = await this.readModels.collections([
      [REPORTS, STATEMENT_MONTHS],
      [REPORTS, STATEMENT_LINES],
    ]);
    const readBuckets = (from: number, count: number) =>
      lines!.find({ participantId, period, bucket: { $gte: from } }, { sort: { bucket: 1 }, limit: count, projection: { _id: 0, bucket: 1, lines: 1 } }).toArray();
    const wanted = Math.ceil(limit / LINES_PER_BUCKET) + 1;
    const [summary, first] = await Promise.all([
      months!.findOne({ _id: monthKey(participantId, period) as never }, { projection: NO_BOOKKEEPING }),
      readBuckets(Math.floor((after + 1) / LINES_PER_BUCKET), wanted),
    ]);
    if (!summary) throw payReportErrors.noStatement(participantId, period);
    const buckets = first;
    for (let batch = first; batch.length === wanted && !pageOfLines(buckets, after, limit).more;) {
      batch = await readBuckets((batch[batch.length - 1]!.bucket as number) + 1, wanted);
      buckets.push(...batch);
    }
    return statementMonthView(summary, pageOfLines(buckets, after, limit));
  }

  async payEquity(reader: PayReader, hubId: string, period: string): Promise<PayEquityView> {
    mayReadHub(reader, hubId);
    const [groups, surges] = await this.readModels.collections([
      [REPORTS, PAY_EQUITY],
      [REPORTS, SURGE_FIRST_REFUSAL],
    ]);
    const [documents, surgeBlocks] = await Promise.all([
      groups!.find({ hubId, period }, { projection: NO_BOOKKEEPING }).toArray(),
      surges!.find({ hubId, period }, { projection: NO_BOOKKEEPING }).toArray(),
    ]);
    return payEquityView(hubId, period, documents, surgeBlocks);
  }

  async deliveryCost(reader: PayReader, hubId: string, period: string): Promise<DeliveryCostView> {
    mayReadHub(reader, hubId);
    const costs = await this.readModels.collection(REPORTS, PAY_EQUITY);
    return deliveryCostView(hubId, period, await costs.find({ hubId, period }, { projection: NO_BOOKKEEPING }).toArray());
  }

  async coordinatorCycles(reader: PayReader, participantId: string, period: string): Promise<CoordinatorCyclesView> {
    mayReadLedgerOf(reader, participantId);
    const [months, hubMonths] = await this.readModels.collections([
      [REPORTS, COORDINATOR_MONTHS],
      [REPORTS, HUB_CYCLE_MONTHS],
    ]);
    const month = await months!.findOne({ _id: joinKey(participantId, period) as never }, { projection: NO_BOOKKEEPING });
    const hubIds = (month?.hubIds ?? []) as string[];
    const cycles = hubIds.length > 0 ? await hubMonths!.find({ _id: { $in: hubIds.map((hubId) => joinKey(hubId, period)) } as never }).toArray() : [];
    return coordinatorCyclesView(participantId, period, month, cycles);
  }

  /** Jurisdictions with a configured threshold (PAY_REPORTING_THRESHOLDS). */
  jurisdictions(): string[] {
    return Object.keys(this.thresholds).sort();
  }

  async annualTotals(reader: PayReader, participantId: string, year: string, jurisdiction: string): Promise<AnnualTotalsView> {
    mayReadLedgerOf(reader, participantId);
    const threshold = this.thresholds[jurisdiction];
    if (!threshold) throw new RangeError(`no reporting threshold for ${jurisdiction}`);
    const totals = await this.readModels.collection(REPORTS, ANNUAL_TOTALS);
    const document = await totals.findOne({ _id: joinKey(participantId, year) as never }, { projection: NO_BOOKKEEPING });
    return annualTotalsView(participantId, year, jurisdiction, threshold, document);
  }
}
