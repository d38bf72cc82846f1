import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { useSandbox } from './helpers/sandbox.js';

/** A raw request with a Host header of our choosing, as a DNS-rebound page in a browser would send. */
function get(port: number, path: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the sandbox answers only requests addressed to the loopback (against DNS rebinding)', () => {
  const sandbox = useSandbox();

  it.each(['127.0.0.1', 'localhost', 'LOCALHOST'])('serves the device page to Host %s:<port>', async (name) => {
    const { port } = sandbox.current;
    expect((await get(port, '/device', `${name}:${port}`)).status).toBe(200);
  });

  it.each(['rebind.attacker.example', '127.0.0.1.nip.io', '127.0.0.1', '127.0.0.1:1'])('refuses Host "%s" with 421 on pages and APIs alike', async (host) => {
    const { port } = sandbox.current;
    for (const path of ['/device', '/authorize?client_id=x', '/']) {
      const reply = await get(port, path, host === '127.0.0.1.nip.io' ? `${host}:${port}` : host);
      expect([path, reply.status]).toEqual([path, 421]);
      expect(reply.body).toContain('only requests addressed to 127.0.0.1 or localhost');
    }
  });
});
