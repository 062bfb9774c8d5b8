import { Module } from '@nestjs/common';
import { PayCommandsModule } from './pay-commands.module';

/** The pay context over HTTP: rate cards, ledgers, statements and the reports, over PayCommandsModule. */
@Module({
  imports: [PayCommandsModule],
  exports: [PayCommandsModule],
})
export class PayModule {}
