// The Results view's reading and analysis, off the page's main thread (analysis-worker-api.ts).
import { expose } from 'comlink';
import { analysisWorkerApi } from './analysis-worker-api';

expose(analysisWorkerApi);
