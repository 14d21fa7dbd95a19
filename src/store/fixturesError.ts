/** A fixtures file (or admin seed) that cannot be loaded: the admin API answers it with a 400. */
export class FixturesError extends Error {}
