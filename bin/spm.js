#!/usr/bin/env node
// Entry point: loads the built bundle and nothing else.
import { main } from '../dist/main.js';

process.exitCode = await main();
