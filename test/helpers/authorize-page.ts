import { expect } from 'vitest';

/**
 * What a browser does with the sandbox's authorize page: load it, submit its form with a decision
 * for the preselected user, and follow the redirect to qchat's loopback callback.
 */
export async function decideInBrowser(authorizeUrl: string, decision: 'approve' | 'deny'): Promise<{ location: string; page: string }> {
  const page = await (await fetch(authorizeUrl)).text();
  const fields = new URLSearchParams();
  for (const [, name, value] of page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) fields.set(name!, value!.replace(/&amp;/g, '&'));
  fields.set('user', /<option value="([^"]+)" selected>/.exec(page)?.[1] ?? '');
  fields.set('decision', decision);
  const reply = await fetch(new URL('/authorize', authorizeUrl), { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: fields.toString() });
  expect(reply.status).toBe(302);
  const location = reply.headers.get('location')!;
  return { location, page: await (await fetch(location)).text() };
}
