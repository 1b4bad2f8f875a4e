#!/usr/bin/env node
// The `athanor` command. The CLI and the migration files it loads are TypeScript: registering
// tsx's CommonJS hook first lets require() compile them on the fly.
'use strict'
require('tsx/cjs')
require('../src/cli.ts').main()
