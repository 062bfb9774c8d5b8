import { Injectable, InjectionToken, OnModuleDestroy, OnModuleInit, Provider } from '@nestjs/common';
import type { Db } from 'mongodb';
import { IntegrityAlarm } from './integrity-alarm';
import { recordFinding } from './integrity-records';

/**
 * Records every finding this process raises in MongoDB (`integrity_findings`), where /health and
 * /metrics read them whichever process found them. Each app provides it with its database.
 */
@Injectable()
export class IntegrityFindingsRecorder implements OnModuleInit, OnModuleDestroy {
  private unlisten?: () => void;

  constructor(
    private readonly alarm: IntegrityAlarm,
    private readonly db: Db,
  ) {}

  onModuleInit(): void {
    this.unlisten = this.alarm.listen((finding, source) => recordFinding(this.db, finding, source));
  }

  onModuleDestroy(): void {
    this.unlisten?.();
  }
}

/** The recorder, on the app's MongoDB database (its DI token). */
export const integrityFindingsRecorder = (dbToken: InjectionToken): Provider => ({
  provide: IntegrityFindingsRecorder,
  inject: [IntegrityAlarm, dbToken],
  useFactory: (alarm: IntegrityAlarm, db: Db) => new IntegrityFindingsRecorder(alarm, db),
});
