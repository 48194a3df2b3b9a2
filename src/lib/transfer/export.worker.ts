// Runs an export off the page's main thread: reading, building and writing 100,000 judgments is
// seconds of work, none of which may delay a frame of the page, which only moves a progress bar
// and receives the finished file (a Blob, passed by reference).
import { expose } from 'comlink';
import { exportWorkerApi } from './export-worker-api';

expose(exportWorkerApi);
