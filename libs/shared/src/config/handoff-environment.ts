import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

export const LOG_LEVELS = ['verbose', 'debug', 'log', 'warn', 'error', 'fatal'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const PROJECTOR_PLACEMENTS = ['thread', 'inline'] as const;
export type ProjectorPlacement = (typeof PROJECTOR_PLACEMENTS)[number];

/**
 * The process environment as it must look at start-up. Property names are the variable names on
 * purpose: class-validator reports the property, so every message names the variable to fix.
 * (The environment is input at the edge, like a request DTO — hence class-validator here.)
 */
export class HandoffEnvironment {
  /** Unset: the all-in-one starts the embedded EventStoreDB-compatible server. */
  @IsOptional()
  @Matches(/^esdb(\+discover)?:\/\/\S+$/, { message: 'EVENTSTORE_CONNECTION_STRING must be an esdb:// or esdb+discover:// connection string' })
  EVENTSTORE_CONNECTION_STRING?: string;

  /** Unset: the embedded MongoDB (a later issue). */
  @IsOptional()
  @Matches(/^mongodb(\+srv)?:\/\/\S+$/, { message: 'MONGODB_URI must be a mongodb:// or mongodb+srv:// URI' })
  MONGODB_URI?: string;

  @IsString()
  @IsNotEmpty()
  HANDOFF_DATA_DIR: string = './data';

  @IsInt({ message: 'PORT must be an integer between 0 and 65535' })
  @Min(0, { message: 'PORT must be an integer between 0 and 65535' })
  @Max(65535, { message: 'PORT must be an integer between 0 and 65535' })
  PORT: number = 3000;

  @IsInt({ message: 'EMBEDDED_EVENTSTORE_PORT must be an integer between 0 and 65535' })
  @Min(0, { message: 'EMBEDDED_EVENTSTORE_PORT must be an integer between 0 and 65535' })
  @Max(65535, { message: 'EMBEDDED_EVENTSTORE_PORT must be an integer between 0 and 65535' })
  EMBEDDED_EVENTSTORE_PORT: number = 2113;

  @IsInt({ message: 'EMBEDDED_MONGODB_PORT must be an integer between 0 and 65535' })
  @Min(0, { message: 'EMBEDDED_MONGODB_PORT must be an integer between 0 and 65535' })
  @Max(65535, { message: 'EMBEDDED_MONGODB_PORT must be an integer between 0 and 65535' })
  EMBEDDED_MONGODB_PORT: number = 27017;

  @IsIn(LOG_LEVELS, { message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL: LogLevel = 'log';

  /**
   * Where the all-in-one runs the projector: on its own worker thread (its own event loop, so it
   * uses the second core instead of queueing behind HTTP requests), or inline on the API's loop.
   */
  @IsIn(PROJECTOR_PLACEMENTS, { message: `ALL_IN_ONE_PROJECTOR must be one of ${PROJECTOR_PLACEMENTS.join(', ')}` })
  ALL_IN_ONE_PROJECTOR: ProjectorPlacement = 'thread';

  /** Minutes between full passes of the background hash-chain verifier (default a day). */
  @IsInt({ message: 'INTEGRITY_FULL_PASS_INTERVAL_MINUTES must be a whole number of minutes, at least 1' })
  @Min(1, { message: 'INTEGRITY_FULL_PASS_INTERVAL_MINUTES must be a whole number of minutes, at least 1' })
  INTEGRITY_FULL_PASS_INTERVAL_MINUTES: number = 1440;
}
