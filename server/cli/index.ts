import { runCli } from './run-cli.ts';

/** Entry point of `ticketwerk` (bin/ticketwerk.mjs and `npm run ticketwerk -- …`). */
process.exitCode = await runCli(process.argv.slice(2), { env: process.env, print: (line) => console.log(line) }, (line) => console.error(line));
