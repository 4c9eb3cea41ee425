#!/usr/bin/env node
// The workspace runs TypeScript sources directly; tsx registers the loader
// once here so every subcommand (and the packages it imports) is plain ESM TS.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
await main(process.argv);
