import { deis } from './deis';
import { medstack } from './medstack';
import { tsuru } from './tsuru';
import type { DialectAdapter } from './types';

/** Every dialect polypaas serves, in port order. */
export const DIALECTS: DialectAdapter[] = [tsuru, deis, medstack];
