// Proves the boundary rules bite: lints forbidden (and one allowed) imports as if they were written in real
// files of the workspace, with the real eslint.config.mjs, and fails when a forbidden import passes.
// Run by `npm test` (lint stage) after `nx show projects` has cached the project graph.
import { ESLint } from 'eslint';
import { root } from './lib/util.mjs';

const probes = [
  {
    file: 'libs/consultations/application/src/index.ts',
    code: "export * from '@tmk/audit-domain';",
    forbidden: true,
    why: 'a context importing another context’s domain',
  },
  {
    file: 'libs/consultations/application/src/index.ts',
    code: "export * from '@tmk/audit-infrastructure';",
    forbidden: true,
    why: 'a context importing another context’s infrastructure',
  },
  {
    file: 'libs/consultations/domain/src/index.ts',
    code: "export { Injectable } from '@nestjs/common';",
    forbidden: true,
    why: 'a domain lib importing a framework',
  },
  {
    file: 'libs/consultations/domain/src/index.ts',
    code: "export * from '@tmk/shared-infrastructure';",
    forbidden: true,
    why: 'a domain lib importing infrastructure',
  },
  {
    file: 'libs/identity/domain/src/index.ts',
    code: "export * from '@tmk/consultations-contracts';",
    forbidden: true,
    why: 'a context importing contracts outside the context map',
  },
  {
    file: 'libs/web/ui/src/index.ts',
    code: "export * from '@tmk/shared-infrastructure';",
    forbidden: true,
    why: 'web importing a server lib',
  },
  {
    file: 'libs/audit/api/src/index.ts',
    code: "export * from '@tmk/consultations-contracts';",
    forbidden: false,
    why: 'audit consuming consultations contracts (in the context map)',
  },
];

const eslint = new ESLint({ cwd: root });
let failures = 0;
for (const probe of probes) {
  const [result] = await eslint.lintText(probe.code, { filePath: `${root}/${probe.file}` });
  const hits = result.messages.filter((m) => m.ruleId === '@nx/enforce-module-boundaries');
  const ok = probe.forbidden ? hits.length > 0 : hits.length === 0;
  if (!ok) failures++;
  console.log(
    `${ok ? 'ok  ' : 'FAIL'} ${probe.forbidden ? 'rejects' : 'allows '} ${probe.why}${hits[0] ? ` — “${hits[0].message.split('\n')[0]}”` : ''}`,
  );
}
if (failures) {
  console.error(`${failures} boundary probe(s) did not behave as the rules promise.`);
  process.exit(1);
}
