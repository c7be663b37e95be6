// Request and reply shapes shared by the endpoint modules, plus small header parsers.

import type { SandboxContext } from './context';

export interface SandboxRequest {
  method: string;
  path: string;
  /** The URL's query string; only Zoom's token endpoint reads it (its documented request carries it). */
  query: URLSearchParams;
  /** Lower-cased header names, as node:http gives them. */
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  remoteAddress: string;
}

/** What an endpoint answers; server.ts turns it into bytes. `log` adds details to the request log. */
export interface Reply {
  status: number;
  /** Sent as JSON. */
  body?: unknown;
  /** A page for a browser instead (DocuSign's consent page); `body` is then ignored. */
  html?: string;
  headers?: Record<string, string>;
  log?: { grantType?: string; clientId?: string };
  /** Runs once the response has been handed to the socket. */
  afterSend?: () => void;
}

/** How a provider answers the faults scripted by `POST faults` on the paths under `prefix`. */
export interface FaultShapes {
  prefix: string;
  /** Its API's answer to a token it does not accept. */
  unauthorized(ctx: SandboxContext): Reply;
  /** Its token endpoint's answer to too many requests; the server adds Retry-After. */
  throttled(ctx: SandboxContext): Reply;
}

export function header(req: SandboxRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** `application/json; charset=utf-8` → `application/json`. */
export function mediaType(req: SandboxRequest): string {
  return (header(req, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}

export type AuthScheme = 'Basic' | 'Bearer' | 'none' | 'other';

/** Splits an Authorization header; schemes match case-insensitively, as servers do. */
export function authorization(req: SandboxRequest): { scheme: AuthScheme; credentials: string } {
  const value = header(req, 'authorization')?.trim();
  if (!value) return { scheme: 'none', credentials: '' };
  const space = value.indexOf(' ');
  const name = (space < 0 ? value : value.slice(0, space)).toLowerCase();
  const credentials = space < 0 ? '' : value.slice(space + 1).trim();
  if (name === 'basic') return { scheme: 'Basic', credentials };
  if (name === 'bearer') return { scheme: 'Bearer', credentials };
  return { scheme: 'other', credentials };
}
