/** Commands as data and the one dispatcher that executes them (ADR 0016). */
export { CommandDispatcher, contextOf } from './command-dispatcher';
export { CommandNotAllowedError, CommandNotHandledError, handleCommand } from './command-handling';
export type { CommandHandling, CommandOutcomeData } from './command-handling';
export { HttpCommands } from './http-commands';
export type { HttpCommandData, HttpCommandFacts, HttpCommandResult } from './http-commands';
export { Facts } from './http-facts';
export { CommandsModule } from './commands.module';
export { timeOf } from './command-handling';
