import { deis } from './deis';
import { divio } from './divio';
import { medstack } from './medstack';
import type { DialectAdapter } from './types';

/** Every dialect polypaas serves, in port order. */
export const DIALECTS: DialectAdapter[] = [divio, deis, medstack];
