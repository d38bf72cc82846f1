import { AwsError } from '../protocol.js';
import type { OperationCall, SandboxService } from '../service.js';
import { pageToken, readPageToken } from '../world/page-token.js';
import { resourceWorld, type ResourceTypeInfo, type SandboxResource } from '../world/resources.js';
import { regionEnabled } from './account.js';

/** The server picks the page size, as the real service does; a smaller MaxResults is honoured. */
const pageSize = 20;

/**
 * Cloud Control over awsJson1_0 (`CloudApiService.*`): ListResources and GetResource over the
 * sandbox resource world. Properties travel as a JSON string, as in the real API. Errors use the
 * real texts: TypeNotFoundException "The type '…' cannot be found." (seen from Cloud Control in
 * pulumi/pulumi-aws-native#2308), UnsupportedActionException "Resource type … does not support LIST
 * action" (aws cloudcontrol list-resources output), the EKS node group ResourceModel message
 * (awslabs/mcp#403) and the handler-failure shape of ResourceNotFoundException
 * (aws-cloudformation/cloudformation-coverage-roadmap#2090).
 */
export function cloudControlService(): SandboxService {
  return {
    signingName: 'cloudcontrolapi',
    protocol: 'awsJson1_0',
    targetPrefix: 'CloudApiService',
    signed: true,
    throttled: true,
    regional: true,
    operations: {
      ListResources: (call) => {
        const { typeName, info, accountId, region } = resolveType(call);
        const input = call.request.input;
        if (info.listable === false) throw new AwsError('UnsupportedActionException', `Resource type ${typeName} does not support LIST action`, 405);
        const model = resourceModel(input.ResourceModel, typeName, info);
        const max = input.MaxResults ?? pageSize;
        if (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > 100) {
          throw validation(`Value '${String(max)}' at 'maxResults' failed to satisfy constraint: Member must have value ${Number(max) < 1 ? 'greater than or equal to 1' : 'less than or equal to 100'}`);
        }
        const matching = resourceWorld()
          .list(accountId, typeName, region)
          .filter((resource) => Object.entries(model).every(([key, value]) => resource.properties[key] === value));

        const fingerprint = `cloudcontrol:${accountId}:${region}:${typeName}:${JSON.stringify(model)}`;
        const start = input.NextToken === undefined ? 0 : readPageToken(input.NextToken, fingerprint);
        if (start === undefined) throw new AwsError('InvalidRequestException', 'The NextToken provided is not valid for this request.', 400);
        const end = start + Math.min(max, pageSize);
        return {
          TypeName: typeName,
          ResourceDescriptions: matching.slice(start, end).map(describe),
          ...(end < matching.length ? { NextToken: pageToken(fingerprint, end) } : {}),
        };
      },
      GetResource: (call) => {
        const { typeName, accountId, region } = resolveType(call);
        const identifier = call.request.input.Identifier;
        if (typeof identifier !== 'string' || identifier === '') throw validation(`Value null at 'identifier' failed to satisfy constraint: Member must not be null`);
        const resource = resourceWorld().find(accountId, typeName, region, identifier);
        if (!resource) {
          throw new AwsError(
            'ResourceNotFoundException',
            `${typeName} Handler returned status FAILED: Resource of type '${typeName}' with identifier '${identifier}' was not found. (HandlerErrorCode: NotFound, RequestToken: ${crypto.randomUUID()})`,
            404,
          );
        }
        return { TypeName: typeName, ResourceDescription: describe(resource) };
      },
    },
  };
}

function resolveType({ request, caller }: OperationCall): { typeName: string; info: ResourceTypeInfo; accountId: string; region: string } {
  const accountId = caller!.accountId;
  // An opt-in region the account has not enabled does not know the caller's credentials.
  if (!regionEnabled(accountId, request.region)) throw new AwsError('UnrecognizedClientException', 'The security token included in the request is invalid.', 400);
  const typeName = request.input.TypeName;
  if (typeof typeName !== 'string' || typeName === '') throw validation(`Value null at 'typeName' failed to satisfy constraint: Member must not be null`);
  const info = resourceWorld().typeInfo(typeName);
  if (!info) throw new AwsError('TypeNotFoundException', `The type '${typeName}' cannot be found.`, 404);
  return { typeName, info, accountId, region: request.region };
}

/** The ResourceModel filter: a JSON object of properties every listed resource must match. */
function resourceModel(raw: unknown, typeName: string, info: ResourceTypeInfo): Record<string, unknown> {
  let model: unknown = {};
  if (raw !== undefined) {
    try {
      model = JSON.parse(String(raw));
    } catch {
      model = undefined;
    }
  }
  const missing = (info.listRequires ?? []).filter((key) => typeof model !== 'object' || model === null || !(key in model));
  if (typeof model !== 'object' || model === null || Array.isArray(model) || missing.length > 0) {
    throw new AwsError(
      'InvalidRequestException',
      `Missing or invalid ResourceModel property in ${typeName} list handler request input.${missing.length > 0 ? `Required property: (#: required key [${missing.join(', ')}] not found)` : ''}`,
      400,
    );
  }
  return model as Record<string, unknown>;
}

function describe(resource: SandboxResource): { Identifier: string; Properties: string } {
  return { Identifier: resource.identifier, Properties: JSON.stringify(resource.properties) };
}

function validation(detail: string): AwsError {
  return new AwsError('ValidationException', `1 validation error detected: ${detail}`, 400);
}
