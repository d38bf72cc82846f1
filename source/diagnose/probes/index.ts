import type { Inquiry } from '../interrogate.js';
import { instance, lambdaFunction, runningInstances, securityGroupUsers, vpcDependents, vpcs } from './compute.js';
import { bucketPolicy, callerPolicies, functionRole, targetRole } from './iam.js';
import { bucket, dbInstance, key, table } from './storage.js';

export type Probe = (q: Inquiry) => Promise<void>;

/** The questions a catalog entry may ask the account (`interrogate`), run in the order it lists them. */
export const probes = {
  bucket,
  bucketPolicy,
  callerPolicies,
  targetRole,
  function: lambdaFunction,
  functionRole,
  key,
  table,
  dbInstance,
  instance,
  securityGroupUsers,
  vpcs,
  vpcDependents,
  runningInstances,
} satisfies Record<string, Probe>;

export type ProbeName = keyof typeof probes;
export const probeNames = Object.keys(probes) as [ProbeName, ...ProbeName[]];
