/**
 * qchat's layers, checked on the real import graph (`npm run lint:layers`, part of `npm test`).
 * dependency-cruiser rather than eslint boundaries: it resolves every import the way TypeScript
 * and Node do (the `.js` specifiers of our ESM sources included), sees dynamic `import()` (the
 * lazily loaded Ink UI, SDK clients and sandbox) and type-only imports, and needs no lint setup.
 *
 * ui/headless → chat → present/understanding/answer/diagnose/identity/tiers/history → aws →
 * storage/config. Imports only point down; nothing below ui/ imports React or Ink; the sandbox is
 * imported only by the composition root (cli/ and aws/target.ts).
 */
const middle = '^source/(present|understanding|answer|diagnose|identity|tiers|history)/';

/** A rule that forbids imports from `from` into `to` (paths below the repository root). */
const forbid = (name, comment, from, to) => ({ name, comment, severity: 'error', from, to });

module.exports = {
  forbidden: [
    forbid('chat-is-below-the-front-ends', 'chat/ is the engine both front ends drive; it never reaches up into them.', { path: '^source/chat/' }, { path: '^source/(cli|ui|headless)/' }),
    forbid('front-ends-are-apart', 'ui/ and headless/ sit side by side on chat/; neither imports the other.', { path: '^source/(ui|headless)/' }, { path: '^source/(ui|headless)/', pathNot: '^source/$1/' }),
    forbid('front-ends-do-not-import-the-root', 'Only the composition root (cli/) knows both front ends.', { path: '^source/(ui|headless)/' }, { path: '^source/cli/' }),
    forbid(
      'features-are-below-chat',
      'understanding, answer, diagnose, identity, tiers, history and present never import chat/ or a front end.',
      { path: middle },
      { path: '^source/(chat|cli|ui|headless)/' },
    ),
    forbid('aws-is-below-the-features', 'aws/ serves the features; it knows none of them.', { path: '^source/aws/' }, { path: `${middle}|^source/(chat|cli|ui|headless)/` }),
    forbid('storage-and-config-are-the-floor', 'storage/ and config/ import no other layer.', { path: '^source/(storage|config)/' }, { path: `${middle}|^source/(aws|chat|cli|ui|headless|sandbox)/` }),
    forbid(
      'only-ui-draws',
      'Nothing outside ui/ imports React or Ink: the core runs headless. Resolved into node_modules, or a bare name when its package exports cannot be resolved.',
      { path: '^source/', pathNot: '^source/ui/' },
      { path: '^(react|react-dom|ink|ink-[^/]+)$|(^|/)node_modules/(react|react-dom|ink|ink-[^/]+)/' },
    ),
    forbid(
      'sandbox-only-from-the-composition-root',
      'The sandbox is a stand-in AWS; only the composition root may start or name it.',
      { path: '^source/', pathNot: '^source/(cli/|aws/target\\.ts$|sandbox/)' },
      { path: '^source/sandbox/' },
    ),
    forbid('sandbox-stands-alone', 'The sandbox serves the wire protocols from its fixtures; it does not use qchat itself.', { path: '^source/sandbox/' }, { path: `${middle}|^source/(aws|chat|cli|ui|headless)/` }),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
