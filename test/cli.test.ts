import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runScript } from './helpers/run-script.js';

// The `ask --json` contract, as the issue states it.
const resultSchema = z.strictObject({
  query: z.string(),
  council: z.string(),
  status: z.enum(['answered', 'clarify', 'no_match', 'smalltalk']),
  confidence: z.number().min(0).max(1),
  answer: z
    .strictObject({
      id: z.string(),
      title: z.string(),
      text: z.string(),
      passage: z.string().optional(),
      alsoFor: z.array(z.strictObject({ id: z.string(), title: z.string() })).optional(),
      links: z.array(z.strictObject({ title: z.string(), url: z.string().optional() })),
      source: z.strictObject({ document: z.string(), section: z.string(), updated: z.string(), version: z.string().optional() }),
    })
    .optional(),
  options: z.array(z.strictObject({ id: z.string(), title: z.string() })).optional(),
  notCovered: z.strictObject({ id: z.string(), label: z.string() }).optional(),
  smalltalk: z.string().optional(),
});

function ask(args: string[], input?: string, env: Record<string, string> = {}) {
  return runScript('src/cli/ask.ts', args, { input, env: { COUNCIL: '', ...env } });
}

describe('the ask command', () => {
  it('prints exactly one JSON object answering the typo\'d increase question', () => {
    const { code, stdout } = ask(['--council', 'reading', '--json', 'how do i incrase a homecare pakage']);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const result = resultSchema.parse(JSON.parse(lines[0]!));
    expect(result.status).toBe('answered');
    expect(result.answer?.id).toBe('home-care-increase');
    expect(result.answer?.text).toContain('Conversation 3');
    expect(result.answer?.text).toContain('Purchase Services - Personal Budget');
    expect(result.options).toBeUndefined();
  });

  it('answers a batch from stdin in order, one JSON line per non-empty line', () => {
    const { code, stdout } = ask(['--batch', '--council', 'merton'], 'how do i refer to a day centre\n\nhow do I book annual leave\nextra care or shared lives\n');
    expect(code).toBe(0);
    const results = stdout.trim().split('\n').map((l) => resultSchema.parse(JSON.parse(l)));
    expect(results.map((r) => r.query)).toEqual(['how do i refer to a day centre', 'how do I book annual leave', 'extra care or shared lives']);
    expect(results.map((r) => r.status)).toEqual(['answered', 'no_match', 'clarify']);
    expect(results[1]!.options).toEqual([]);
    expect(results[1]!.notCovered).toEqual({ id: 'staff-matters', label: 'staff matters (leave, pay, expenses, IT)' });
    expect(results[2]!.options!.length).toBeGreaterThan(1);
    expect(results.every((r) => r.council === 'merton')).toBe(true);
  });

  it('takes the council from COUNCIL when no flag is given', () => {
    const { stdout } = ask(['--json', 'shared lives guidance'], undefined, { COUNCIL: 'merton' });
    expect(resultSchema.parse(JSON.parse(stdout)).council).toBe('merton');
  });

  it('prints a readable answer in plain mode', () => {
    const { code, stdout } = ask(['how do I increase a home care package']);
    expect(code).toBe(0);
    expect(stdout).toContain('Increasing a home care package');
    expect(stdout).toContain('Answer from the procedure: If you wish to increase a home care package');
    expect(stdout).toContain('Important: You must click the finish tab or PBST will not see the request.');
    expect(stdout).toContain('Source: Reading Borough Council Commissioning and Brokerage Procedures');
  });

  it('exits 2 listing the known councils for an unknown one', () => {
    const { code, stdout, stderr } = ask(['--council', 'wokingham', 'hello']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('unknown council "wokingham"; known councils: merton, reading');
  });

  it('exits 2 with the usage message when there is no question', () => {
    const { code, stderr } = ask(['--json']);
    expect(code).toBe(2);
    expect(stderr).toContain('usage: npm run ask --');
  });
});
