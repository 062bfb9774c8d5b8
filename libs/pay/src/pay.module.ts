import { Module } from '@nestjs/common';
import { PayCommandsModule } from './pay-commands.module';
import { PayReportsModule } from './read-models/http/pay-reports.module';

/** The pay context over HTTP: rate cards, ledgers, statements and the reports, over PayCommandsModule. */
@Module({
  imports: [PayCommandsModule, PayReportsModule],
  exports: [PayCommandsModule],
})
export class PayModule {}
