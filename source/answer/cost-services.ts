import { readFileSync } from 'node:fs';
import { shippedConfigPath } from '../config/package-root.js';

interface CostService {
  names: string[];
  values: string[];
}

let services: Array<{ name: string; values: string[]; pattern: RegExp }> | undefined;

function load() {
  const file = JSON.parse(readFileSync(shippedConfigPath('cost-services.json'), 'utf8')) as { services: CostService[] };
  return file.services
    .flatMap((service) => service.names.map((name) => ({ name, values: service.values })))
    .sort((a, b) => b.name.length - a.name.length)
    .map((entry) => ({ ...entry, pattern: new RegExp(`(?<![\\w-])${entry.name.replace(/\s+/g, '[\\s-]*')}(?![\\w-])`, 'i') }));
}

/** The Cost Explorer SERVICE values a question names ("what did I spend on EC2"), longest name first. */
export function findCostService(question: string): { name: string; values: string[]; span: [number, number] } | undefined {
  services ??= load();
  for (const service of services) {
    const match = service.pattern.exec(question);
    if (match) return { name: match[0], values: service.values, span: [match.index, match.index + match[0].length] };
  }
  return undefined;
}
