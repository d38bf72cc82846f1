import { z } from 'zod';
import { loadShippedJson } from '../storage/shipped-json.js';

/**
 * The bridge between the Resource Groups Tagging API, which speaks ARNs, and Cloud Control, which
 * speaks primary identifiers. ARN templates come from the registry data
 * (config/resource-schemas.json, e.g. `arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}`).
 */
let templates: Map<string, string> | undefined;

const fileSchema = z.object({ types: z.array(z.looseObject({ type: z.string(), arn: z.string().optional() })) });

function arnTemplate(typeName: string): string | undefined {
  if (!templates) {
    const { types } = loadShippedJson('resource-schemas.json', fileSchema);
    templates = new Map(types.flatMap((entry) => (entry.arn ? [[entry.type, entry.arn] as [string, string]] : [])));
  }
  return templates.get(typeName);
}

/**
 * The Tagging API's ResourceTypeFilters value for a type, `service[:resourceType]` as its ARNs
 * spell it: `lambda:function`, `ec2:instance`, `logs:log-group`, `s3` (bucket ARNs have no
 * resource type), `sqs`. Undefined when the registry has no ARN template for the type.
 */
export function taggingTypeFilter(typeName: string): string | undefined {
  const template = arnTemplate(typeName);
  if (!template) return undefined;
  const parts = template.split(':');
  const service = parts[2];
  if (!service || service.includes('$')) return undefined;
  const resource = parts.slice(5).join(':');
  const delimiter = resource.search(/[:/]/);
  const type = delimiter > 0 ? resource.slice(0, delimiter) : '';
  return type && !type.includes('$') ? `${service}:${type}` : service;
}

/** The last segment of an ARN or identifier part: what an ARN and a Cloud Control identifier of one resource share. */
function lastSegment(text: string): string {
  return text.split(/[/:]/).pop() ?? text;
}

/**
 * Finds the ARN of a listed resource among the ARNs the Tagging API returned. The identifier's
 * last `|` part is the ARN itself (SNS topics, IAM policies), or the ARN ends with it after a `/`
 * or `:` (functions, instances, log groups), or, where the ARN's resource part is a bare name, it
 * ends with that name (an SQS queue URL and its ARN end in the queue name). The last rule never
 * applies to ARNs with paths: log groups /aws/ecs/orders and /aws/lambda/orders share a last
 * segment, and only the tagged one's ARN is among those returned.
 */
export class ArnIndex {
  private readonly bySegment = new Map<string, string[]>();

  constructor(arns: Iterable<string>) {
    for (const arn of arns) {
      const key = lastSegment(arn);
      this.bySegment.set(key, [...(this.bySegment.get(key) ?? []), arn]);
    }
  }

  arnOf(identifier: string): string | undefined {
    const last = identifier.split('|').pop()!;
    const candidates = this.bySegment.get(lastSegment(last)) ?? [];
    return (
      candidates.find((arn) => arn === last) ??
      candidates.find((arn) => arn.endsWith(`/${last}`) || arn.endsWith(`:${last}`)) ??
      candidates.find((arn) => arn.split(':').slice(5).join(':') === lastSegment(arn) && (last.endsWith(`/${lastSegment(arn)}`) || last === lastSegment(arn)))
    );
  }
}
