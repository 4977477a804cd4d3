/**
 * Argument parsing and every command, as one module: the CLI loads it with a
 * single import once it knows it has more to do than print its help. Node 20
 * loads each ES module through several asynchronous steps (resolve, realpath,
 * open, read, compile, link: about a millisecond each, more than compiling most
 * of them), so one chunk for all commands starts faster than a chunk per command
 * and per shared module. What is large and often unused stays behind its own
 * dynamic import where it is used: @clack/prompts, execa, Handlebars' compiler,
 * diff.
 */
export { parse } from '../args.js';
export { UserError } from '../engine/errors.js';
export { add } from './add.js';
export { create } from './create.js';
export { listCatalog } from './list.js';
export { remove } from './remove.js';
export { status } from './status.js';
export { upgrade } from './upgrade.js';
