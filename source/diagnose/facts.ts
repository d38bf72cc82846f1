/** Where a fact came from, as the diagnosis table shows it. */
export type FactSource = 'error text' | 'console URL' | 'your session' | 'account' | 'built';

export interface Fact {
  value: string;
  from: FactSource;
}

/**
 * The named values a diagnosis knows (bucket, role, action, …). Readers offer what they found in
 * order of trust, so the first offer stands; what the account itself reports replaces a guess.
 */
export class Facts {
  private readonly map = new Map<string, Fact>();

  offer(name: string, value: string | undefined, from: FactSource): void {
    if (value && !this.map.has(name)) this.map.set(name, { value, from });
  }

  offerAll(values: Record<string, string>, from: FactSource): void {
    for (const [name, value] of Object.entries(values)) this.offer(name, value, from);
  }

  set(name: string, value: string, from: FactSource): void {
    this.map.set(name, { value, from });
  }

  get(name: string): string | undefined {
    return this.map.get(name)?.value;
  }

  fact(name: string): Fact | undefined {
    return this.map.get(name);
  }

  has(name: string): boolean {
    return this.map.has(name);
  }
}
