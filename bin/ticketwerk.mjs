#!/usr/bin/env node
// `npx ticketwerk …`: runs the TypeScript command line (server/cli/index.ts) without a build
// step. tsx is registered in this process (no second node process, signals and exit codes
// stay ours); it is resolved from this file, so the command works from any directory.
import { register } from 'tsx/esm/api';

register();
await import(new URL('../server/cli/index.ts', import.meta.url).href);
