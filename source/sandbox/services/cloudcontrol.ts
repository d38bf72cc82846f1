import { AwsError } from '../protocol.js';
import { cloudControlRate } from '../rate-limits.js';
import type { OperationCall, SandboxContext, SandboxService } from '../service.js';
import { pageToken, readPageToken } from '../world/page-token.js';
import { registryType, typeNamePattern, withoutWriteOnly, type RegistryType } from '../world/registry.js';
import { resourceWorld, type SandboxResource } from '../world/resources.js';
import { regionEnabled } from './account.js';

/** The server picks the page size, as the real service does; a smaller MaxResults is honoured. */
const pageSize = 20;

/**
 * Cloud Control over awsJson1_0 (`CloudApiService.*`): ListResources and GetResource for every
 * registry type (config/resource-types.json); types without fixture data list empty. Properties
 * travel as a JSON string, as in the real API. In `identifiers` mode (the default) ListResources
 * returns what the type's list handler does: the primary identifier properties, plus those the
 * Cloud Control guide documents for a few handlers (config/list-handlers.json: a log group's
 * RetentionInDays and Arn; a Kinesis stream only its Name); GetResource returns
 * the model without the schema's writeOnlyProperties in both modes. Errors use the real texts:
 * TypeNotFoundException "The type '…' cannot be found." (pulumi/pulumi-aws-native#2308),
 * ValidationException for a name off the TypeName pattern (botocore's model constraint),
 * UnsupportedActionException "Resource type … does not support LIST action" (aws cloudcontrol
 * list-resources output) only where the schema has no list handler, the list handler's
 * ResourceModel message (awslabs/mcp#403) exactly where the handler schema requires properties, and
 * the handler-failure shape of ResourceNotFoundException
 * (aws-cloudformation/cloudformation-coverage-roadmap#2090).
 */
export function cloudControlService(context: SandboxContext): SandboxService {
  return {
    signingName: 'cloudcontrolapi',
    protocol: 'awsJson1_0',
    targetPrefix: 'CloudApiService',
    signed: true,
    throttled: true,
    rateLimit: cloudControlRate,
    regional: true,
    operations: {
      ListResources: (call) => {
        const { typeName, type, accountId, region } = resolveType(call);
        const input = call.request.input;
        if (!type.list) throw new AwsError('UnsupportedActionException', `Resource type ${typeName} does not support LIST action`, 405);
        const model = resourceModel(input.ResourceModel, type);
        const max = input.MaxResults ?? pageSize;
        if (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > 100) {
          throw validation(`Value '${String(max)}' at 'maxResults' failed to satisfy constraint: Member must have value ${Number(max) < 1 ? 'greater than or equal to 1' : 'less than or equal to 100'}`);
        }
        const listed = resourceWorld().list(accountId, typeName, region, context.scale);
        const matches = (resource: SandboxResource) => Object.entries(model).every(([key, value]) => resource.properties[key] === value);
        const fingerprint = `cloudcontrol:${accountId}:${region}:${typeName}:${JSON.stringify(model)}`;
        let index = input.NextToken === undefined ? 0 : readPageToken(input.NextToken, fingerprint);
        if (index === undefined) throw new AwsError('InvalidRequestException', 'The NextToken provided is not valid for this request.', 400);
        // Walks the (possibly scaled) listing lazily: only this page's resources are ever made.
        const page: SandboxResource[] = [];
        for (; index < listed.length && page.length < Math.min(max, pageSize); index++) {
          const resource = listed.at(index);
          if (matches(resource)) page.push(resource);
        }
        const more = index < listed.length;
        return {
          TypeName: typeName,
          ResourceDescriptions: page.map((resource) => describe(resource, type, context.listProperties === 'identifiers' ? 'identifiers' : 'model')),
          ...(more ? { NextToken: pageToken(fingerprint, index) } : {}),
        };
      },
      GetResource: (call) => {
        const { typeName, type, accountId, region } = resolveType(call);
        const identifier = call.request.input.Identifier;
        if (typeof identifier !== 'string' || identifier === '') throw validation(`Value null at 'identifier' failed to satisfy constraint: Member must not be null`);
        const resource = resourceWorld().find(accountId, typeName, region, identifier, context.scale);
        if (!resource) {
          throw new AwsError(
            'ResourceNotFoundException',
            `${typeName} Handler returned status FAILED: Resource of type '${typeName}' with identifier '${identifier}' was not found. (HandlerErrorCode: NotFound, RequestToken: ${crypto.randomUUID()})`,
            404,
          );
        }
        return { TypeName: typeName, ResourceDescription: describe(resource, type, 'model') };
      },
    },
  };
}

function resolveType({ request, caller }: OperationCall): { typeName: string; type: RegistryType; accountId: string; region: string } {
  const accountId = caller!.accountId;
  // An opt-in region the account has not enabled does not know the caller's credentials.
  if (!regionEnabled(accountId, request.region)) throw new AwsError('UnrecognizedClientException', 'The security token included in the request is invalid.', 400);
  const typeName = request.input.TypeName;
  if (typeof typeName !== 'string' || typeName === '') throw validation(`Value null at 'typeName' failed to satisfy constraint: Member must not be null`);
  if (!typeNamePattern.test(typeName)) {
    throw validation(`Value '${typeName}' at 'typeName' failed to satisfy constraint: Member must satisfy regular expression pattern: [A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}`);
  }
  const type = registryType(typeName);
  if (!type) throw new AwsError('TypeNotFoundException', `The type '${typeName}' cannot be found.`, 404);
  return { typeName, type, accountId, region: request.region };
}

/** The ResourceModel filter: a JSON object of properties every listed resource must match; the list handler's required properties must be in it. */
function resourceModel(raw: unknown, type: RegistryType): Record<string, unknown> {
  let model: unknown = {};
  if (raw !== undefined) {
    try {
      model = JSON.parse(String(raw));
    } catch {
      model = undefined;
    }
  }
  const missing = type.listRequires.filter((key) => typeof model !== 'object' || model === null || !(key in model));
  if (typeof model !== 'object' || model === null || Array.isArray(model) || missing.length > 0) {
    throw new AwsError(
      'InvalidRequestException',
      `Missing or invalid ResourceModel property in ${type.typeName} list handler request input.${missing.length > 0 ? `Required property: (#: required key [${missing.join(', ')}] not found)` : ''}`,
      400,
    );
  }
  return model as Record<string, unknown>;
}

/**
 * A ResourceDescription: the whole readable model, or what the type's list handler returns: the
 * primary identifier properties, and those AWS documents the handler to return besides
 * (config/list-handlers.json, from the Cloud Control user guide).
 */
function describe(resource: SandboxResource, type: RegistryType, shown: 'model' | 'identifiers'): { Identifier: string; Properties: string } {
  const listed = [...type.primaryIdentifier, ...type.listProperties];
  const properties =
    shown === 'identifiers'
      ? Object.fromEntries(listed.filter((key) => key in resource.properties).map((key) => [key, resource.properties[key]]))
      : withoutWriteOnly(resource.properties, type.writeOnly);
  return { Identifier: resource.identifier, Properties: JSON.stringify(properties) };
}

function validation(detail: string): AwsError {
  return new AwsError('ValidationException', `1 validation error detected: ${detail}`, 400);
}
