/** Runs the forensic scan off the test's thread, so the in-process server's timers keep their time meanwhile. */
import { parentPort, workerData } from 'node:worker_threads';
import { scanDataDirForKeys } from './forensic-key-scan';

parentPort!.postMessage(scanDataDirForKeys(workerData.dataDir, workerData.targets));
