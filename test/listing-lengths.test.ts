// The longest page chain starts first: an all-regions listing starts the region whose last listing
// of the type took the most pages (the home region until the session knows), and a tag lookup the
// region with the most resources. Real SDK clients over HTTP to the in-process sandbox; which region
// starts first is the first client the fan-out asks for (its first worker starts synchronously).
import { describe, expect, it, vi } from 'vitest';
import type { AwsClients } from '../source/aws/clients.js';
import { longestListing, rememberPages } from '../source/aws/listing-lengths.js';
import { askAnswer, fixtureCount, sandboxSession } from './helpers/session.js';

describe('listing lengths', () => {
  it('names the region with the most pages, else the fallback; a tie or a single page keeps the fallback', () => {
    const clients = {} as AwsClients;
    const regions = ['ap-south-1', 'eu-west-1', 'us-east-1', 'us-west-2'];
    expect(longestListing(clients, 'AWS::Logs::LogGroup', regions, 'us-east-1')).toBe('us-east-1');
    rememberPages(clients, 'AWS::Logs::LogGroup', 'ap-south-1', 1);
    expect(longestListing(clients, 'AWS::Logs::LogGroup', regions, 'eu-west-3')).toBe('eu-west-3');
    rememberPages(clients, 'AWS::Logs::LogGroup', 'eu-west-1', 3);
    rememberPages(clients, 'AWS::Logs::LogGroup', 'us-west-2', 3);
    expect(longestListing(clients, 'AWS::Logs::LogGroup', regions, 'us-east-1')).toBe('eu-west-1');
    rememberPages(clients, 'AWS::Logs::LogGroup', 'us-east-1', 3);
    expect(longestListing(clients, 'AWS::Logs::LogGroup', regions, 'us-east-1')).toBe('us-east-1');
    // The last listing counts, per type and per session.
    rememberPages(clients, 'AWS::Logs::LogGroup', 'us-west-2', 4);
    expect(longestListing(clients, 'AWS::Logs::LogGroup', regions, 'us-east-1')).toBe('us-west-2');
    expect(longestListing(clients, 'AWS::Lambda::Function', regions, 'us-east-1')).toBe('us-east-1');
    expect(longestListing({} as AwsClients, 'AWS::Logs::LogGroup', regions, 'us-east-1')).toBe('us-east-1');
  });
});

describe('the longest chain first, against the sandbox', () => {
  /** The regions of the session's clients in the order the question asked for them. */
  function firstAsked(session: { clients: AwsClients }, service: string) {
    const asked: string[] = [];
    const get = session.clients.get.bind(session.clients);
    vi.spyOn(session.clients, 'get').mockImplementation(((name: Parameters<AwsClients['get']>[0], region?: string) => {
      if (name === service) asked.push(region!);
      return get(name, region);
    }) as AwsClients['get']);
    return asked;
  }

  it('starts the home region while the session knows nothing, then the region whose listing had the most pages', async () => {
    const session = await sandboxSession({ region: 'eu-west-3' });
    const asked = firstAsked(session, 'cloudcontrol');
    const { answer: first } = await askAnswer(session, 'how many log groups in all regions');
    expect(asked[0]).toBe('eu-west-3');
    const listings = first.calls.filter((call) => call.operation === 'ListResources');
    const most = Math.max(...listings.map((call) => call.pages));
    // The fixture keeps most log groups in us-east-1: more pages than any other region.
    expect(fixtureCount('AWS::Logs::LogGroup', 'us-east-1')).toBeGreaterThan(2 * fixtureCount('AWS::Logs::LogGroup', 'eu-west-1'));
    expect(listings.filter((call) => call.pages === most).map((call) => call.region)).toEqual(['us-east-1']);
    expect(most).toBeGreaterThan(1);

    asked.length = 0;
    const { answer: second } = await askAnswer(session, 'how many log groups in all regions');
    expect(asked[0]).toBe('us-east-1');
    // The outcomes keep the regions' order whatever started first.
    expect(second.calls.filter((call) => call.operation === 'ListResources').map((call) => call.region)).toEqual(listings.map((call) => call.region));
    expect(second.summary).toBe(first.summary);
  });

  it('looks tags up first in the region with the most resources', async () => {
    const session = await sandboxSession({ region: 'eu-west-3', sandboxListProperties: 'identifiers' });
    const asked = firstAsked(session, 'tagging');
    const { answer } = await askAnswer(session, 'how many lambda functions tagged env=prod in all regions');
    expect(answer.calls.filter((call) => call.operation === 'GetResources').length).toBeGreaterThan(1);
    expect(asked[0]).toBe('us-east-1');
  });
});
