// What the worker knows about one connection when it builds rules: where to inject which token,
// for which tools. Imported by src/core/rules and the worker.

export interface InjectionTarget {
  connectionId: string;
  /** Stable per connection while it exists (see assignSlots); the rule ids derive from it. */
  slot: number;
  /** Scheme, host, port and path prefix, e.g. `https://platform.ringcentral.com/restapi/`. */
  apiBaseUrl: string;
  /** Origins of the tools that may receive the header; only their host names reach the rule. */
  toolOrigins: string[];
  accessToken: string;
  /**
   * The tabs whose top-level page is on one of `toolOrigins` exactly (scheme, host and port).
   * The header rule matches only their requests; with none, no header rule is installed.
   */
  tabIds: readonly number[];
  /** The app that issues the token: the worker posts to its token and revoke URLs. */
  app: { serverUrl: string; tokenPath: string; revokePath: string };
}
