import { deis } from './deis';
import { divio } from './divio';
import { medstack } from './medstack';
import { tsuru } from './tsuru';
import type { DialectAdapter } from './types';

/** Every dialect polypaas serves, in port order. */
export const DIALECTS: DialectAdapter[] = [tsuru, divio, deis, medstack];
