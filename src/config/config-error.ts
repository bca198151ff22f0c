/**
 * A setting in the environment is missing or wrong: one line naming the variable. On its own so
 * that whoever reports errors (the CLI, src/main.ts) need not load the configuration's schema.
 */
export class ConfigError extends Error {}
