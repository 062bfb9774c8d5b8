import { Module } from '@nestjs/common';
import { PayHttpController } from './commands/pay.http.controller';
import { PayRecordsHttpController } from './commands/pay-records.http.controller';
import { PayCommandsModule } from './pay-commands.module';
import { PayReportsModule } from './read-models/http/pay-reports.module';

/**
 * The pay context over HTTP: rate cards, parcel holds, ledger corrections and statements (each a
 * command on the one dispatcher), a rate card and a ledger read from the write side, over
 * PayCommandsModule. The composition (libs/catalog) binds PAY_PARTIES to the participants directory.
 */
@Module({
  imports: [PayCommandsModule, PayReportsModule],
  controllers: [PayHttpController, PayRecordsHttpController],
  exports: [PayCommandsModule],
})
export class PayModule {}
