/**
 * The all-in-one: `npm start`. API + projector in this process; embedded servers (as child
 * processes) for whatever has no connection string. See README for the variables.
 */
import 'reflect-metadata';
import { runMain } from '@handoff/shared';
import { startAllInOne } from './all-in-one';

runMain('handoff', () => startAllInOne());
