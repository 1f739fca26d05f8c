/** worker_threads entry of the rare-event solver: rebuilds the problem once, then computes the runs it is sent. */
import { parentPort, workerData } from 'node:worker_threads';
import { restoreProblem, type EscapeProblem } from '../../scenario/restore.js';
import { chainOf } from './chain.js';
import { oneRun } from './one-run.js';

const { scenario } = workerData as { scenario: EscapeProblem['scenario'] };
const chain = chainOf(restoreProblem(scenario));

parentPort!.on('message', (run: number) => { parentPort!.postMessage(oneRun(chain, run)); });
