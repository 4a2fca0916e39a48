/**
 * SARIF 2.1.0 for GitHub code scanning: one run, every rule with help text and a help URI, results with relative
 * physical locations, partial fingerprints (so alerts survive unrelated edits) and the route as a property.
 */
import { RULES } from '../../../rules/index';
import { DOCS_BASE } from '../engine';
import type { ScanResult } from '../scan';
import { version } from '../cli/version';
import type { Severity } from '../../../rules/api';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };
/** GitHub sorts security alerts by this CVSS-like score. */
const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '5.0', info: '2.0' };

export function toSarif(scan: ScanResult) {
  const ids = Object.keys(RULES);
  const rules = ids.map((id) => {
    const { meta } = RULES[id];
    const helpUri = DOCS_BASE + meta.docs;
    return {
      id,
      name: id.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()),
      shortDescription: { text: meta.title },
      fullDescription: { text: meta.description },
      helpUri,
      help: {
        text: `${meta.description} See ${helpUri}`,
        markdown: `**${meta.title}**\n\n${meta.description}\n\n[Rule documentation](${helpUri})`,
      },
      defaultConfiguration: { level: LEVEL[meta.defaultSeverity] },
      properties: {
        tags: ['security', meta.check],
        precision: 'high',
        'security-severity': SECURITY_SEVERITY[meta.defaultSeverity],
      },
    };
  });
  const results = scan.result.findings.map((f) => ({
    ruleId: f.rule,
    ruleIndex: ids.indexOf(f.rule),
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: encodeURI(f.file), uriBaseId: '%SRCROOT%' },
          region: { startLine: f.span.line, startColumn: f.span.column, endLine: f.span.endLine, endColumn: f.span.endColumn },
        },
      },
    ],
    relatedLocations: (f.related ?? []).map((r, i) => ({
      id: i + 1,
      message: { text: r.message },
      physicalLocation: {
        artifactLocation: { uri: encodeURI(r.file), uriBaseId: '%SRCROOT%' },
        region: { startLine: r.span.line, startColumn: r.span.column, endLine: r.span.endLine, endColumn: r.span.endColumn },
      },
    })),
    partialFingerprints: { 'launchReadiness/v1': f.fingerprint },
    properties: f.route ? { route: f.route } : {},
  }));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Launch Readiness',
            informationUri: 'https://github.com/launch-readiness/launch-readiness',
            version: version(),
            semanticVersion: version(),
            rules,
          },
        },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}
