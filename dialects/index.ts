import { deis } from './deis';
import type { DialectAdapter } from './types';

/** Every dialect polypaas serves, in port order. */
export const DIALECTS: DialectAdapter[] = [deis];
