// A region group's label names what was asked (issue 14, regions as people say them): "eu-west-1
// except Frankfurt" is not "all regions except eu-central-1", and "us-east-2 and Europe" keeps
// us-east-2. Planner → plan → sandbox over HTTP → answer.
import { describe, expect, it } from 'vitest';
import { findRegions } from '../source/understanding/regions.js';
import { askAnswer, fixtureCount, sandboxSession } from './helpers/session.js';

describe('region group labels', () => {
  it.each([
    ['lambda functions in eu-west-1 except Frankfurt', 'eu-west-1 except eu-central-1', ['eu-west-1']],
    ['lambdas in eu-west-1 and eu-central-1 except Frankfurt', 'eu-west-1 and eu-central-1 except eu-central-1', ['eu-west-1']],
    ['lambdas in us-east-2 and Europe', 'us-east-2 and Europe', ['us-east-2', 'eu-central-1', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-north-1', 'eu-central-2', 'eu-south-1', 'eu-south-2']],
    ['lambdas in Dublin or in Europe except Paris', 'Europe except eu-west-3', ['eu-west-1', 'eu-central-1', 'eu-west-2', 'eu-north-1', 'eu-central-2', 'eu-south-1', 'eu-south-2']],
  ])('%s', (question, label, codes) => {
    expect(findRegions(question)).toEqual({ kind: 'group', label, codes });
  });

  it('answers over the regions the label names, and says which were asked', async () => {
    const session = await sandboxSession();
    const one = (await askAnswer(session, 'how many lambda functions in eu-west-1 except Frankfurt')).answer;
    expect(one.summary).toBe(`You have ${fixtureCount('AWS::Lambda::Function', 'eu-west-1')} Lambda functions in eu-west-1.`);
    expect(one.warnings).toContain('eu-west-1 except eu-central-1: the enabled regions eu-west-1.');

    const both = (await askAnswer(session, 'how many lambda functions in us-east-2 and Europe')).answer;
    const europe = ['eu-central-1', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-north-1'];
    const expected = [...europe, 'us-east-2'].reduce((sum, region) => sum + fixtureCount('AWS::Lambda::Function', region), 0);
    expect(both.summary).toBe(`You have ${expected} Lambda functions in us-east-2 and Europe (6 regions).`);
  });
});
