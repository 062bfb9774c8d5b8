/** SASL authentication (SCRAM-SHA-256 only) and what a connection is authenticated as. */
import { CommandHandler } from './command-context';

export const authCommands: Record<string, CommandHandler> = {
  saslStart: (ctx) => ctx.auth.saslStart(ctx.body, ctx.db),
  saslContinue: (ctx) => ctx.auth.saslContinue(ctx.body),
  connectionStatus: (ctx) => ({ authInfo: ctx.auth.authInfo(), ok: 1 }),
};
