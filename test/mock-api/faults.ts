// Faults the mock can inject into matching requests, each for a number of requests.
export type FaultEffect =
  /** Answer normally after this delay. */
  | { kind: 'latency'; ms: number }
  /** Answer with this status (and vendor-style body) without touching the store; 429 may carry Retry-After. */
  | { kind: 'status'; status: number; retryAfter?: string }
  /** Reject the body with these messages in the vendor's 400/422 format, without touching the store. */
  | { kind: 'reject'; messages: string[] }
  /** Close the connection without answering, before touching the store. */
  | { kind: 'drop' }
  /** Never answer (the client's timeout must fire); the request is not processed. */
  | { kind: 'hang' }
  /** Process the request (a create really happens), then close the connection instead of answering. */
  | { kind: 'lose-response' };

export interface Fault {
  /** HTTP method to match; any when absent. */
  method?: string;
  /** Matches when the request path (without query) contains this. */
  path?: string;
  vendor?: 'vapi' | 'insighto';
  /** How many matching requests it affects. Default 1. */
  times?: number;
  effect: FaultEffect;
}

export class FaultQueue {
  private readonly faults: Array<Fault & { remaining: number }> = [];

  add(fault: Fault): void {
    this.faults.push({ ...fault, remaining: fault.times ?? 1 });
  }

  /** Uses left across all faults (0 when every fault was reached). */
  pending(): number {
    return this.faults.reduce((sum, fault) => sum + fault.remaining, 0);
  }

  clear(): void {
    this.faults.length = 0;
  }

  /** The first fault matching the request, consuming one of its uses. */
  take(vendor: 'vapi' | 'insighto', method: string, path: string): FaultEffect | undefined {
    const index = this.faults.findIndex(
      (fault) =>
        (!fault.method || fault.method === method) && (!fault.vendor || fault.vendor === vendor) && (!fault.path || path.includes(fault.path)),
    );
    if (index < 0) return undefined;
    const fault = this.faults[index];
    if (--fault.remaining <= 0) this.faults.splice(index, 1);
    return fault.effect;
  }
}
