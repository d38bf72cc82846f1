/**
 * `runQchat` takes raw bytes on stdin too, so invalid UTF-8 reaches qchat as it would from a pipe;
 * the corpus calls it by this name.
 */
export { runQchat as runHostile } from '../../helpers/cli.js';
