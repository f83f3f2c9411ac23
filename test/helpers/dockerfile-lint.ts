// A Dockerfile linter for the rules this project's container must keep (after hadolint's DL3000-series and
// Docker's own build checks), since neither hadolint nor a Docker daemon runs on these machines.

export interface Instruction {
  keyword: string;
  args: string;
  line: number;
}

export interface Stage {
  from: string;
  name: string | undefined;
  instructions: Instruction[];
}

/** Instructions by stage: continuation lines joined, comments and blank lines dropped. */
export function parseDockerfile(text: string): Stage[] {
  const stages: Stage[] = [];
  let pending = '';
  let start = 0;
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!pending && (line === '' || line.startsWith('#'))) return;
    if (!pending) start = i + 1;
    if (line.endsWith('\\')) return void (pending += `${line.slice(0, -1)} `);
    const full = `${pending}${line}`.trim();
    pending = '';
    const [keyword = '', ...rest] = full.split(/\s+/);
    const instruction = { keyword: keyword.toUpperCase(), args: rest.join(' '), line: start };
    if (instruction.keyword === 'FROM') {
      const [image = '', as, name] = rest;
      stages.push({ from: image, name: as?.toUpperCase() === 'AS' ? name : undefined, instructions: [] });
    } else if (stages.length === 0) {
      if (instruction.keyword !== 'ARG') throw new Error(`line ${start}: ${instruction.keyword} before FROM`);
    } else stages.at(-1)!.instructions.push(instruction);
  });
  return stages;
}

const jsonArray = (args: string): string[] | undefined => {
  try {
    const parsed: unknown = JSON.parse(args);
    return Array.isArray(parsed) && parsed.every((a) => typeof a === 'string') ? parsed : undefined;
  } catch {
    return undefined;
  }
};

/** What the project requires of its image; each problem names its line. */
export function lintDockerfile(text: string, rules: { baseImage: string; healthPath: string }): string[] {
  const problems: string[] = [];
  const stages = parseDockerfile(text);
  if (stages.length < 2) problems.push('not multi-stage: build and run in separate stages');
  for (const stage of stages) {
    const named = stages.some((s) => s.name === stage.from);
    if (!named && stage.from !== rules.baseImage) problems.push(`FROM ${stage.from}: expected ${rules.baseImage}`);
    for (const i of stage.instructions) {
      if (i.keyword === 'ADD') problems.push(`line ${i.line}: ADD; use COPY for local files`);
      if (i.keyword === 'RUN' && /\bapt-get install\b/.test(i.args) && !/--no-install-recommends/.test(i.args)) problems.push(`line ${i.line}: apt-get install without --no-install-recommends`);
      if (i.keyword === 'RUN' && /\bnpm install\b/.test(i.args)) problems.push(`line ${i.line}: npm install; use npm ci with the lockfile`);
      if (i.keyword === 'RUN' && /\bsudo\b/.test(i.args)) problems.push(`line ${i.line}: sudo`);
      if (i.keyword === 'COPY' && /--from=(\S+)/.exec(i.args) && !stages.some((s) => s.name === /--from=(\S+)/.exec(i.args)![1])) problems.push(`line ${i.line}: COPY --from an unknown stage`);
    }
  }
  const final = stages.at(-1);
  if (!final) return [...problems, 'no stage'];
  const of = (keyword: string) => final.instructions.filter((i) => i.keyword === keyword);
  const users = of('USER');
  if (users.length === 0 || /^(root|0)(:|$)/.test(users.at(-1)!.args)) problems.push('the final stage runs as root: add USER with an unprivileged user');
  const cmd = of('CMD').at(-1);
  const cmdArgs = cmd ? jsonArray(cmd.args) : undefined;
  if (!cmd) problems.push('no CMD');
  else if (!cmdArgs) problems.push(`line ${cmd.line}: CMD in shell form; use the exec form (JSON array) so node is PID 1 and gets SIGTERM`);
  else if (cmdArgs[0] !== 'node') problems.push(`line ${cmd.line}: CMD starts ${cmdArgs[0]}, not node (npm and sh do not pass SIGTERM on)`);
  if (of('ENTRYPOINT').length > 0) problems.push('ENTRYPOINT in the final stage: the CMD should be the process');
  const health = of('HEALTHCHECK').at(-1);
  if (!health) problems.push('no HEALTHCHECK');
  else if (!health.args.includes(rules.healthPath)) problems.push(`line ${health.line}: HEALTHCHECK does not ask ${rules.healthPath}`);
  else if (/\bcurl\b|\bwget\b/.test(health.args)) problems.push(`line ${health.line}: HEALTHCHECK uses curl/wget, which ${rules.baseImage} lacks`);
  if (!of('RUN').some((i) => /npm ci\b.*--omit=dev/.test(i.args))) problems.push('the final stage does not install production dependencies only (npm ci --omit=dev)');
  return problems;
}
