/**
 * Where a build stands on the real-world corpus: a compact table (one line per
 * file) and the failures grouped by cause, so each cause can go to the engineer
 * who owns it. Same judgement as the acceptance test (realWorldCorpus.ts).
 *
 *   npm run realworld                      build, compile, print the table
 *   node out/test/unit/realWorldReport.js  [--failures] [--status FILE.md]
 *
 * --failures prints only the files that fail; --status writes the grouped
 * failures as Markdown (test/fixtures/realworld/STATUS.md is made this way).
 * Exit status 0 whatever the result: this measures, the test judges.
 */
import * as fs from 'node:fs';
import type { Finding } from '../../src/core';
import {
  corpusFiles, describeExpected, describeFinding, judgeFile, loadExpectations, passed, prepareCorpus, type ExpectedFinding, type FileVerdict,
} from './realWorldCorpus';

interface Cause {
  id: string;
  title: string;
  owner: string;
}

const CAUSES: Record<string, Cause> = {
  notOurs: { id: 'A', title: 'JSON that is not ours analysed as a policy or a log', owner: 'kinds (issue 11 point 1)' },
  template: { id: 'B', title: 'Template source that is not JSON until rendered reported as JSON errors (uncertain kind: say less)', owner: 'kinds (issue 11 points 1, 6)' },
  otherKind: { id: 'C', title: 'Other policy types (trust, bucket, queue, endpoint, SCP/RCP, boundary, identity) judged as key policies', owner: 'kinds (issue 11 point 1)' },
  statement: { id: 'D', title: 'Bare statements and policy strings: not checked, or checked as a whole policy', owner: 'kinds (issue 11 point 5)' },
  cfn: { id: 'E', title: 'CloudFormation functions as values (Ref, Fn::Sub, Fn::Join, ...)', owner: 'values (issue 11 point 3)' },
  placeholder: { id: 'F', title: 'Placeholders and template interpolations as values', owner: 'values (issue 11 point 2)' },
  cliOutput: { id: 'G', title: 'AWS CLI outputs not read (get-key-policy, lookup-events, describe-key, list-aliases)', owner: 'issue 11 point 4 (not assigned to kinds or values)' },
  otherKindMissed: { id: 'H', title: 'KMS content in other policy kinds not checked (key ARNs in conditions, kms:ViaService in SCPs, KMS endpoint policies)', owner: 'kinds (issue 11 point 1)' },
  ctFalseAlarm: { id: 'I', title: 'CloudTrail event rules: false alarms on genuine records', owner: 'issue 15 (logs)' },
  noRule: { id: 'J', title: 'No rule exists yet for a genuine KMS mistake', owner: 'issue 15 / issue 11 point 1' },
  grantsLog: { id: 'K', title: 'Grants view of CloudTrail logs', owner: 'restructure (issue 12)' },
  missed: { id: 'L', title: 'Genuine mistake missed by an existing rule', owner: 'rule owner' },
  falseAlarm: { id: 'M', title: 'False alarm on a fine key or identity policy', owner: 'rule owner' },
  crash: { id: 'Z', title: 'Analysis threw', owner: 'issue 13' },
};

const PLACEHOLDER = /\$\{|#\{|\{\{|\{%|%\{|<[A-Za-z_-]+>|_HERE\b|__[A-Z_]+__|\bAWS_ACCOUNT_ID\b/;
const NOT_KEY_OR_IDENTITY = /trust|bucket|access point|queue|topic|event bus|secret policy|repository|vault access|Logs resource|domain access|Data Catalog|endpoint|control policy|boundary|lambda get-policy/i;

function isCloudTrailKind(kind: string): boolean {
  return /CloudTrail|lookup-events|EventBridge event/.test(kind);
}

function causeOfUnexpected(v: FileVerdict, f: Finding): Cause {
  const kind = v.exp.kind;
  const covered = v.text.slice(Math.max(0, f.start - 40), f.end + 40);
  if (kind.startsWith('not ours')) return CAUSES.notOurs;
  if (/not JSON until rendered|JSON with comments/.test(kind)) return CAUSES.template;
  if (NOT_KEY_OR_IDENTITY.test(kind) && !/output/.test(kind.replace('lambda get-policy output', ''))) return CAUSES.otherKind;
  if (/statement|JSON string/.test(kind)) return CAUSES.statement;
  if (/"Fn::|"Ref"/.test(covered) || f.code === 'policy-value-type') return CAUSES.cfn;
  if (PLACEHOLDER.test(v.text.slice(f.start, f.end)) || PLACEHOLDER.test(covered)) return CAUSES.placeholder;
  if (isCloudTrailKind(kind)) return CAUSES.ctFalseAlarm;
  return CAUSES.falseAlarm;
}

function causeOfMissing(v: FileVerdict, x: ExpectedFinding): Cause {
  const kind = v.exp.kind;
  if (x.rule === '*') return CAUSES.noRule;
  if (/output/.test(kind)) return CAUSES.cliOutput;
  if (/statement|JSON string/.test(kind)) return CAUSES.statement;
  if (/CloudFormation/.test(kind)) return CAUSES.cfn;
  if (x.text !== null && PLACEHOLDER.test(x.text)) return CAUSES.placeholder;
  if (NOT_KEY_OR_IDENTITY.test(kind)) return CAUSES.otherKindMissed;
  return CAUSES.missed;
}

interface Problem {
  cause: Cause;
  file: string;
  expected: string;
  actual: string;
}

function expectedText(v: FileVerdict): string {
  return v.exp.findings.length === 0 ? 'no finding above information' : v.exp.findings.map(describeExpected).join('; ');
}

function actualText(v: FileVerdict, above: Finding[]): string {
  const parts = above.map((f) => describeFinding(f, v.text));
  return parts.length === 0 ? 'no finding above information' : parts.join('; ');
}

function problemsOf(v: FileVerdict): Problem[] {
  const out: Problem[] = [];
  if (v.crash) return [{ cause: CAUSES.crash, file: v.file, expected: expectedText(v), actual: v.crash.split('\n')[0] }];
  const byCause = new Map<Cause, Problem>();
  const add = (cause: Cause, actual: string): void => {
    const p = byCause.get(cause);
    if (p) {
      if (!p.actual.includes(actual)) p.actual += `; ${actual}`;
    } else {
      const q = { cause, file: v.file, expected: expectedText(v), actual };
      byCause.set(cause, q);
      out.push(q);
    }
  };
  for (const f of v.findings.unexpected) add(causeOfUnexpected(v, f), `unexpected ${describeFinding(f, v.text)}`);
  for (const x of v.findings.missing) add(causeOfMissing(v, x), `missing ${describeExpected(x)}; got: ${actualText(v, v.above)}`);
  for (const g of v.grants) add(/output/.test(v.exp.kind) ? CAUSES.cliOutput : CAUSES.grantsLog, `grants: ${g}`);
  for (const b of v.findings.badExpectations) add(CAUSES.missed, `corpus fault: ${b}`);
  return out;
}

function pad(s: string, n: number): string {
  return s.length >= n ? s.slice(0, n - 1) + '…' : s + ' '.repeat(n - s.length);
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function main(argv: string[]): void {
  const onlyFailures = argv.includes('--failures');
  const statusAt = argv.indexOf('--status');
  const statusFile = statusAt >= 0 ? argv[statusAt + 1] : undefined;
  const { files: expectations } = loadExpectations();
  const verdicts = corpusFiles().filter((f) => expectations[f]).map((f) => judgeFile(f, expectations[f]));

  const lines: string[] = [];
  lines.push(`${pad('', 2)}${pad('file', 78)}${pad('read by a human as', 34)}${pad('read as', 15)}exp unexp miss grants`);
  for (const v of verdicts) {
    const ok = passed(v);
    if (onlyFailures && ok) continue;
    lines.push(`${ok ? '✓ ' : '✗ '}${pad(v.file, 78)}${pad(v.exp.kind, 34)}${pad(v.modelKind, 15)}${String(v.exp.findings.length).padStart(3)} ${String(v.findings.unexpected.length).padStart(5)} ${String(v.findings.missing.length).padStart(4)} ${String(v.grants.length).padStart(6)}`);
  }
  const failing = verdicts.filter((v) => !passed(v));
  const fineFiles = verdicts.filter((v) => !v.exp.mistake);
  const quietFine = fineFiles.filter((v) => v.findings.unexpected.length === 0 && !v.crash).length;
  const mistakes = verdicts.filter((v) => v.exp.mistake);
  const caught = mistakes.filter((v) => v.findings.missing.length === 0 && !v.crash).length;
  const summary = `${verdicts.length - failing.length}/${verdicts.length} files pass. Fine files without a false alarm: ${quietFine}/${fineFiles.length}. Files with mistakes whose every mistake is found: ${caught}/${mistakes.length}. Files with grants expectations met: ${verdicts.filter((v) => v.exp.grants && v.grants.length === 0).length}/${verdicts.filter((v) => v.exp.grants).length}.`;
  lines.push('', summary, '');

  const problems = failing.flatMap(problemsOf);
  const groups = new Map<Cause, Problem[]>();
  for (const p of problems) groups.set(p.cause, [...(groups.get(p.cause) ?? []), p]);
  const ordered = [...groups.entries()].sort((a, b) => a[0].id.localeCompare(b[0].id));
  lines.push('Failures by cause:');
  for (const [cause, ps] of ordered) {
    const rules = new Set(ps.flatMap((p) => [...p.actual.matchAll(/unexpected ([a-z0-9-]+)/g)].map((m) => m[1])));
    lines.push(`  ${cause.id}. ${cause.title} [${cause.owner}]: ${ps.length} file(s)${rules.size ? `; rules: ${[...rules].join(', ')}` : ''}`);
  }
  process.stdout.write(lines.join('\n') + '\n');

  if (statusFile) {
    const md: string[] = [];
    md.push('# Real-world corpus: status', '');
    md.push('Generated by `node out/test/unit/realWorldReport.js --status test/fixtures/realworld/STATUS.md` after `npm run build && npm run compile-tests`; regenerate it, do not edit it.', '');
    md.push(summary, '');
    md.push('Each failing file is listed under the cause of its failure (a file can appear under several causes). "Expected" is what a KMS expert expects (expected.json); "Actual" is what the build reports above information.', '');
    md.push('| Cause | Owner | Files |', '| --- | --- | --- |');
    for (const [cause, ps] of ordered) md.push(`| ${cause.id}. ${cell(cause.title)} | ${cell(cause.owner)} | ${ps.length} |`);
    for (const [cause, ps] of ordered) {
      const rules = new Map<string, number>();
      for (const p of ps) for (const m of p.actual.matchAll(/unexpected ([a-z0-9-]+)/g)) rules.set(m[1], (rules.get(m[1]) ?? 0) + 1);
      md.push('', `## ${cause.id}. ${cause.title}`, '', `Owner: ${cause.owner}.${rules.size ? ` Rules raising the false alarms: ${[...rules.entries()].sort((a, b) => b[1] - a[1]).map(([r, n]) => `${r} (${n})`).join(', ')}.` : ''}`, '');
      md.push('| File | Read as | Expected | Actual |', '| --- | --- | --- | --- |');
      for (const p of ps.sort((a, b) => a.file.localeCompare(b.file))) {
        const v = verdicts.find((x) => x.file === p.file);
        md.push(`| \`${p.file}\` | ${cell(`${v?.exp.kind ?? ''} → ${v?.modelKind ?? ''}`)} | ${cell(p.expected)} | ${cell(p.actual)} |`);
      }
    }
    fs.writeFileSync(statusFile, md.join('\n') + '\n');
  }
}

void prepareCorpus().then(() => main(process.argv.slice(2)));
