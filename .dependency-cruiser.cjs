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

module.exports = {
  forbidden: [
    {
      name: 'chat-is-below-the-front-ends',
      comment: 'chat/ is the engine both front ends drive; it never reaches up into them.',
      severity: 'error',
      from: { path: '^source/chat/' },
      to: { path: '^source/(cli|ui|headless)/' },
    },
    {
      name: 'front-ends-are-apart',
      comment: 'ui/ and headless/ sit side by side on chat/; neither imports the other.',
      severity: 'error',
      from: { path: '^source/(ui|headless)/' },
      to: { path: '^source/(ui|headless)/', pathNot: '^source/$1/' },
    },
    {
      name: 'front-ends-do-not-import-the-root',
      severity: 'error',
      from: { path: '^source/(ui|headless)/' },
      to: { path: '^source/cli/' },
    },
    {
      name: 'features-are-below-chat',
      comment: 'understanding, answer, diagnose, identity, tiers, history and present never import chat/ or a front end.',
      severity: 'error',
      from: { path: middle },
      to: { path: '^source/(chat|cli|ui|headless)/' },
    },
    {
      name: 'aws-is-below-the-features',
      severity: 'error',
      from: { path: '^source/aws/' },
      to: { path: `${middle}|^source/(chat|cli|ui|headless)/` },
    },
    {
      name: 'storage-and-config-are-the-floor',
      severity: 'error',
      from: { path: '^source/(storage|config)/' },
      to: { path: `${middle}|^source/(aws|chat|cli|ui|headless|sandbox)/` },
    },
    {
      name: 'only-ui-draws',
      comment: 'Nothing outside ui/ imports React or Ink: the core runs headless.',
      severity: 'error',
      from: { path: '^source/', pathNot: '^source/ui/' },
      // Resolved into node_modules, or left as a bare name when its package exports cannot be resolved.
      to: { path: '^(react|react-dom|ink|ink-[^/]+)$|(^|/)node_modules/(react|react-dom|ink|ink-[^/]+)/' },
    },
    {
      name: 'sandbox-only-from-the-composition-root',
      comment: 'The sandbox is a stand-in AWS; only the composition root may start or name it.',
      severity: 'error',
      from: { path: '^source/', pathNot: '^source/(cli/|aws/target\\.ts$|sandbox/)' },
      to: { path: '^source/sandbox/' },
    },
    {
      name: 'sandbox-stands-alone',
      comment: 'The sandbox serves the wire protocols from its fixtures; it does not use qchat itself.',
      severity: 'error',
      from: { path: '^source/sandbox/' },
      to: { path: `${middle}|^source/(aws|chat|cli|ui|headless)/` },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
