// Bundled as dist/ts-morph.js: the one real copy of ts-morph (and TypeScript 6.0) the other bundles load lazily.
module.exports = require('ts-morph');
