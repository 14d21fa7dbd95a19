import { deis } from './deis';
import { medstack } from './medstack';
import type { DialectAdapter } from './types';

/** Every dialect polypaas serves, in port order. */
export const DIALECTS: DialectAdapter[] = [deis, medstack];
