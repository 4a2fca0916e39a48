/**
 * Typed message objects for the server side, built from protocol.ts's method names with the server's own
 * vscode-jsonrpc (protocol.ts stays import-free so the client can bundle it with its own LSP library).
 */
import { NotificationType, RequestType } from 'vscode-languageserver';
import * as P from '../protocol';

export const statusType = new NotificationType<P.StatusParams>(P.StatusNotification.method);
export const scorecardChangedType = new NotificationType<P.ScorecardChangedParams>(P.ScorecardChangedNotification.method);
export const scorecardType = new RequestType<P.FolderParams | undefined, P.ScorecardResult | null, void>(P.ScorecardRequest.method);
export const routesType = new RequestType<P.FolderParams | undefined, P.RouteInfo[], void>(P.RoutesRequest.method);
export const rescanType = new RequestType<P.FolderParams | undefined, { folders: number }, void>(P.RescanRequest.method);
export const probeType = new RequestType<P.ProbeParams, P.ProbeReport, void>(P.ProbeRequest.method);
