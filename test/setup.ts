// Deterministic environment for every test: no CI-specific behaviour in Ink, colours pinned.
delete process.env.CI;
process.env.FORCE_COLOR = '0';
process.env.QCHAT_NOW ??= '2026-11-22T10:00:00Z';
