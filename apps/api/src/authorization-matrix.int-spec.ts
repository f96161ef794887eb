import type { INestApplication } from '@nestjs/common';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { loadConfig, type AppConfig } from '@tmk/shared-infrastructure';
import {
  AuthService,
  INTEGRATOR_STORE,
  PASSWORD_HASHER,
  type IntegratorStore,
  type PasswordHasher,
} from '@tmk/identity-application';
import { DEMO } from '@tmk/identity-api';
import { RequestService } from '@tmk/consultations-application';
import { SigningService } from '@tmk/signing-application';
import type { Actor } from '@tmk/shared-kernel';
import { dropQueues, testEnv } from '@tmk/shared-testing';
import { createApiApp } from './bootstrap';

/**
 * The authorization matrix, generated from the route table: every endpoint × every persona × every scope
 * (own region / other region / federal; own patient / represented / other patient) against an expected
 * allow/deny written here, independently of the implementation. An endpoint without a case fails the test,
 * so a new endpoint cannot ship without a decision. Zero unexpected allows is the bar.
 */

type Region = 'nso' | 'tomsk' | 'federal';
interface Persona {
  readonly name: string;
  readonly kind: 'anonymous' | 'staff' | 'patient' | 'integrator';
  readonly roles?: readonly string[];
  readonly region?: Region;
  readonly patientId?: string;
  readonly scopes?: readonly string[];
  readonly userId?: string;
}

const S = DEMO.staff;
const P = DEMO.patients;
const personas: Persona[] = [
  { name: 'anonymous', kind: 'anonymous' },
  { name: 'doctor', kind: 'staff', userId: S.doctor, roles: ['REQUESTING_DOCTOR'], region: 'nso' },
  { name: 'consultant', kind: 'staff', userId: S.consultant, roles: ['CONSULTANT'], region: 'nso' },
  { name: 'dispatcher', kind: 'staff', userId: S.dispatcher, roles: ['DISPATCHER'], region: 'nso' },
  { name: 'admin', kind: 'staff', userId: S.admin, roles: ['REGIONAL_ADMIN'], region: 'nso' },
  { name: 'sysadmin', kind: 'staff', userId: S.sysadmin, roles: ['SYSTEM_ADMIN'], region: 'federal' },
  {
    name: 'fed-dispatcher',
    kind: 'staff',
    userId: S.fedDispatcher,
    roles: ['DISPATCHER'],
    region: 'federal',
  },
  { name: 'tomsk-admin', kind: 'staff', userId: S.tomskAdmin, roles: ['REGIONAL_ADMIN'], region: 'tomsk' },
  {
    name: 'tomsk-doctor',
    kind: 'staff',
    userId: S.tomskDoctor,
    roles: ['REQUESTING_DOCTOR'],
    region: 'tomsk',
  },
  { name: 'patient-smirnov', kind: 'patient', patientId: P.smirnov },
  { name: 'patient-kuznetsova', kind: 'patient', patientId: P.kuznetsova },
  { name: 'integrator-read', kind: 'integrator', region: 'nso', scopes: ['patients:read'] },
  { name: 'integrator-write', kind: 'integrator', region: 'nso', scopes: ['patients:write'] },
];

type Outcome = 'allow' | 'deny' | 'empty';
interface Target {
  readonly scope: string;
  readonly region: Region;
  readonly path: Record<string, string>;
  readonly query?: Record<string, string>;
  readonly patientId?: string;
  body?: () => Promise<unknown> | unknown;
}
interface Case {
  readonly targets: (ctx: Ctx) => Target[];
  readonly expect: (p: Persona, t: Target) => Outcome;
}
interface Ctx {
  orgs: Record<'nso' | 'tomsk', string>;
  clients: Record<'nso' | 'tomsk', string>;
  users: Record<'nso' | 'tomsk', string>;
  version: (orgId: string) => Promise<number>;
  /** Doctor–doctor requests of the demo doctor (NSO): each destructive action gets its own. */
  requests: Record<'assigned' | 'draft' | 'escalate' | 'return' | 'reject', string>;
  /** The conclusion document of a request whose conclusion the demo consultant submitted. */
  documentId: string;
}

const is = (p: Persona, ...roles: string[]) => p.kind === 'staff' && roles.some((r) => p.roles?.includes(r));
const CLINICAL = ['REQUESTING_DOCTOR', 'CONSULTANT', 'DISPATCHER'];
const staffAny = (p: Persona): Outcome => (p.kind === 'staff' ? 'allow' : 'deny');
const signedIn = (p: Persona): Outcome => (p.kind === 'staff' || p.kind === 'patient' ? 'allow' : 'deny');
const everyone = (): Outcome => 'allow';
const nobody = (): Outcome => 'deny'; // ops endpoints: no persona holds the operator token
const adminOf = (p: Persona, region: Region): Outcome =>
  is(p, 'SYSTEM_ADMIN') || (is(p, 'REGIONAL_ADMIN') && p.region === region && region !== 'federal')
    ? 'allow'
    : 'deny';
const clinicalSees = (p: Persona, region: Region) =>
  is(p, ...CLINICAL) && (p.region === 'federal' || p.region === region);
const single =
  (
    path: Record<string, string> = {},
    body?: () => unknown,
    query?: Record<string, string>,
  ): ((ctx: Ctx) => Target[]) =>
  () => [{ scope: '-', region: 'nso', path, body, query }];
const byRegion = (make: (ctx: Ctx, r: 'nso' | 'tomsk') => Omit<Target, 'scope' | 'region'>) => (ctx: Ctx) =>
  (['nso', 'tomsk'] as const).map((r) => ({ scope: r, region: r, ...make(ctx, r) }));
const uniq = () => randomBytes(4).toString('hex');
const pw = 'Matrix-Pass-2026';

const patientTargets = (): Target[] => [
  { scope: 'own-card', region: 'nso', path: { id: P.smirnov }, patientId: P.smirnov },
  { scope: 'represented', region: 'nso', path: { id: P.smirnova }, patientId: P.smirnova },
  { scope: 'other-patient', region: 'nso', path: { id: P.kuznetsova }, patientId: P.kuznetsova },
  { scope: 'other-region', region: 'tomsk', path: { id: P.volkov }, patientId: P.volkov },
];
const actsFor: Record<string, string[]> = {
  [P.smirnov]: [P.smirnov, P.smirnova],
  [P.kuznetsova]: [P.kuznetsova],
};
const patientRead = (p: Persona, t: Target): Outcome => {
  if (p.kind === 'patient') return actsFor[p.patientId ?? '']?.includes(t.patientId ?? '') ? 'allow' : 'deny';
  if (p.kind === 'integrator')
    return p.scopes?.includes('patients:read') && t.region === p.region ? 'allow' : 'deny';
  return clinicalSees(p, t.region) ? 'allow' : 'deny';
};

// consultations fixtures and expectations
const adminRoles = (p: Persona): Outcome => (is(p, 'REGIONAL_ADMIN', 'SYSTEM_ADMIN') ? 'allow' : 'deny');
const defaultRules = {
  effectiveFrom: '2025-01-01T00:00:00Z',
  planned: { workingDays: 4 },
  urgent: { defaultHours: 24, byProfile: { '39': 6, '8': 3, '53': 6, '54': 6 } },
  emergency: { oralMinutes: 180, byProfile: { '8': 5, '39': 30, '53': 30 }, documentsWorkingDays: 1 },
  warnAtShare: 0.8,
  waitingForData: 'PAUSE',
};
const journalRoles = (p: Persona): Outcome =>
  is(p, 'DISPATCHER', 'REGIONAL_ADMIN', 'SYSTEM_ADMIN') ? 'allow' : 'deny';
const newRequest = (patientId: string) => ({
  patientId,
  urgency: 'URGENT',
  mode: 'DEFERRED',
  profileCode: '39',
  centreId: null,
  consultantId: null,
  content: {
    question: 'Матрица?',
    reason: 'проверка доступа',
    diagnosisCode: 'I20.0',
    anamnesis: '',
    complaints: '',
    examination: '',
    consent: 'GIVEN',
    consentReason: null,
  },
});
const emptyConclusion = {
  anamnesisSummary: '',
  mainDiagnosis: null,
  concomitantDiagnoses: [],
  conclusion: '',
  recommendations: '',
  additionalRecommendations: '',
  inPersonVisit: 'NOT_NEEDED',
  attachmentIds: [],
};
const onRequest = (ctx: Ctx, which: keyof Ctx['requests'], body?: () => unknown): Target => ({
  scope: which,
  region: 'nso',
  path: { id: ctx.requests[which] },
  body,
});
/** The demo doctor's NSO requests, assigned to the demo consultant: who relates to them. */
const relationOf = (p: Persona): string | null =>
  p.name === 'doctor'
    ? 'REQUESTER'
    : p.name === 'consultant'
      ? 'CONSULTANT'
      : p.name === 'dispatcher'
        ? 'DISPATCHER'
        : null;
const related =
  (...relations: string[]) =>
  (p: Persona): Outcome => {
    const r = relationOf(p);
    return r && relations.includes(r) ? 'allow' : 'deny';
  };

const cases: Record<string, Case> = {
  'GET /health/live': { targets: single(), expect: everyone },
  'GET /health/ready': { targets: single(), expect: everyone },
  'POST /api/v1/auth/login': {
    targets: single({}, () => ({ login: 'nobody', password: 'x' })),
    expect: everyone,
  },
  'GET /api/v1/auth/providers': { targets: single(), expect: everyone },
  'GET /api/v1/auth/oidc/:provider/login': { targets: single({ provider: 'esia-demo' }), expect: everyone },
  'GET /api/v1/auth/oidc/:provider/callback': {
    targets: single({ provider: 'esia-demo' }),
    expect: everyone,
  },
  'POST /api/v1/oauth/token': {
    targets: single({}, () => ({ grant_type: 'client_credentials', client_id: 'x', client_secret: 'y' })),
    expect: everyone,
  },
  'GET /api/v1/auth/me': { targets: single(), expect: signedIn },
  'POST /api/v1/auth/logout': { targets: single(), expect: signedIn },
  'POST /api/v1/auth/logout-all': { targets: single(), expect: signedIn },
  'POST /api/v1/auth/active-organisation': {
    targets: single({}, () => ({ organisationId: DEMO.organisations.gnokb })),
    expect: staffAny,
  },
  'POST /api/v1/auth/password': {
    targets: single({}, () => ({ currentPassword: 'wrong', newPassword: 'Another-2026-pass' })),
    expect: staffAny,
  },
  'PATCH /api/v1/auth/profile': {
    targets: single({}, () => ({ timeZone: 'Asia/Novosibirsk' })),
    expect: staffAny,
  },
  'GET /api/v1/identity/regions': { targets: single(), expect: staffAny },
  'GET /api/v1/identity/dictionaries/specialties': { targets: single(), expect: staffAny },
  'GET /api/v1/identity/dictionaries/positions': { targets: single(), expect: staffAny },
  'GET /api/v1/identity/organisations': {
    targets: single(),
    expect: (p) => (p.kind === 'staff' || p.kind === 'integrator' ? 'allow' : 'deny'),
  },
  'GET /api/v1/identity/organisations/:id': {
    targets: byRegion((ctx, r) => ({ path: { id: ctx.orgs[r] } })),
    expect: (p) => (p.kind === 'anonymous' ? 'deny' : 'allow'),
  },
  'POST /api/v1/identity/organisations': {
    targets: byRegion((_ctx, r) => ({
      path: {},
      body: async () => ({
        regionId: r === 'nso' ? DEMO.regions.nso : DEMO.regions.tomsk,
        name: `Matrix clinic ${uniq()}`,
        level: 1,
        isConsultationCentre: false,
        isCoordinationCentre: false,
        timeZone: 'Asia/Novosibirsk',
      }),
    })),
    expect: (p, t) => adminOf(p, t.region),
  },
  'PATCH /api/v1/identity/organisations/:id': {
    targets: byRegion((ctx, r) => ({
      path: { id: ctx.orgs[r] },
      body: async () => ({
        regionId: r === 'nso' ? DEMO.regions.nso : DEMO.regions.tomsk,
        name: `Matrix clinic ${r}`,
        level: 2,
        isConsultationCentre: false,
        isCoordinationCentre: false,
        timeZone: 'Asia/Novosibirsk',
        version: await ctx.version(ctx.orgs[r]),
      }),
    })),
    expect: (p, t) => adminOf(p, t.region),
  },
  'POST /api/v1/identity/organisations/:id/deactivate': {
    targets: byRegion((ctx, r) => ({
      path: { id: ctx.orgs[r] },
      body: async () => ({ version: await ctx.version(ctx.orgs[r]) }),
    })),
    expect: (p, t) => adminOf(p, t.region),
  },
  'POST /api/v1/identity/organisations/:id/activate': {
    targets: byRegion((ctx, r) => ({
      path: { id: ctx.orgs[r] },
      body: async () => ({ version: await ctx.version(ctx.orgs[r]) }),
    })),
    expect: (p, t) => adminOf(p, t.region),
  },
  'GET /api/v1/identity/staff': {
    targets: single(),
    expect: (p) => (is(p, 'SYSTEM_ADMIN', 'REGIONAL_ADMIN') ? 'allow' : 'deny'),
  },
  'POST /api/v1/identity/staff': {
    targets: byRegion((ctx, r) => ({
      path: {},
      body: () => ({
        login: `m-${uniq()}`,
        surname: 'Тестова',
        name: 'Анна',
        timeZone: 'Asia/Novosibirsk',
        initialPassword: pw,
        memberships: [{ organisationId: ctx.orgs[r], role: 'REQUESTING_DOCTOR' }],
      }),
    })),
    expect: (p, t) => adminOf(p, t.region),
  },
  'GET /api/v1/identity/staff/:id': {
    targets: byRegion((ctx, r) => ({ path: { id: ctx.users[r] } })),
    expect: (p, t) => adminOf(p, t.region),
  },
  'POST /api/v1/identity/staff/:id/roles': {
    targets: byRegion((ctx, r) => ({
      path: { id: ctx.users[r] },
      body: () => ({ organisationId: ctx.orgs[r], role: 'CONSULTANT' }),
    })),
    expect: (p, t) => adminOf(p, t.region),
  },
  'POST /api/v1/identity/staff/:id/roles/revoke': {
    targets: byRegion((ctx, r) => ({
      path: { id: ctx.users[r] },
      body: () => ({ organisationId: ctx.orgs[r], role: 'CONSULTANT' }),
    })),
    expect: (p, t) => adminOf(p, t.region),
  },
  'POST /api/v1/identity/staff/:id/password-reset': {
    targets: byRegion((ctx, r) => ({ path: { id: ctx.users[r] }, body: () => ({ newPassword: pw }) })),
    expect: (p, t) => adminOf(p, t.region),
  },
  'POST /api/v1/identity/staff/:id/deactivate': {
    targets: byRegion((ctx, r) => ({ path: { id: ctx.users[r] } })),
    expect: (p, t) => adminOf(p, t.region),
  },
  'POST /api/v1/identity/staff/:id/activate': {
    targets: byRegion((ctx, r) => ({ path: { id: ctx.users[r] } })),
    expect: (p, t) => adminOf(p, t.region),
  },
  'GET /api/v1/identity/patients/search': {
    targets: () => [
      { scope: 'nso-phone', region: 'nso', path: {}, query: { phone: '+79130000003' } },
      { scope: 'tomsk-phone', region: 'tomsk', path: {}, query: { phone: '+79230000004' } },
    ],
    expect: (p, t) => {
      if (p.kind === 'integrator')
        return !p.scopes?.includes('patients:read') ? 'deny' : t.region === p.region ? 'allow' : 'empty';
      if (!is(p, ...CLINICAL)) return 'deny';
      return clinicalSees(p, t.region) ? 'allow' : 'empty';
    },
  },
  'GET /api/v1/identity/patients/:id': { targets: patientTargets, expect: patientRead },
  'POST /api/v1/identity/patients': {
    targets: byRegion((ctx, r) => ({
      path: {},
      body: () => ({
        surname: 'Матрицын',
        name: 'Пётр',
        birthDate: '1990-01-01',
        sex: 'MALE',
        attachedOrganisationId: ctx.orgs[r],
      }),
    })),
    expect: (p, t) => {
      if (p.kind === 'integrator')
        return p.scopes?.includes('patients:write') && t.region === p.region ? 'allow' : 'deny';
      return clinicalSees(p, t.region) ? 'allow' : 'deny';
    },
  },
  'POST /api/v1/identity/patients/:id/representatives': {
    targets: () => [
      {
        scope: 'nso',
        region: 'nso',
        path: { id: P.smirnova },
        body: () => ({ representativeId: P.smirnov, relation: 'PARENT' }),
      },
      {
        scope: 'tomsk',
        region: 'tomsk',
        path: { id: P.volkov },
        body: () => ({ representativeId: P.volkov, relation: 'OTHER' }),
      },
    ],
    expect: (p, t) => (clinicalSees(p, t.region) ? 'allow' : 'deny'),
  },
  'GET /api/v1/identity/integration-clients': {
    targets: single(),
    expect: (p) => (is(p, 'SYSTEM_ADMIN', 'REGIONAL_ADMIN') ? 'allow' : 'deny'),
  },
  'POST /api/v1/identity/integration-clients': {
    targets: byRegion((ctx, r) => ({
      path: {},
      body: () => ({ organisationId: ctx.orgs[r], name: `МИС ${uniq()}`, scopes: ['patients:read'] }),
    })),
    expect: (p, t) => adminOf(p, t.region),
  },
  'POST /api/v1/identity/integration-clients/:id/rotate-secret': {
    targets: byRegion((ctx, r) => ({ path: { id: ctx.clients[r] } })),
    expect: (p, t) => adminOf(p, t.region),
  },
  'POST /api/v1/identity/integration-clients/:id/deactivate': {
    targets: byRegion((ctx, r) => ({ path: { id: ctx.clients[r] } })),
    expect: (p, t) => adminOf(p, t.region),
  },
  'POST /api/v1/identity/integration-clients/:id/activate': {
    targets: byRegion((ctx, r) => ({ path: { id: ctx.clients[r] } })),
    expect: (p, t) => adminOf(p, t.region),
  },
  'GET /api/v1/audit/records': {
    targets: single(),
    expect: (p) => (is(p, 'SYSTEM_ADMIN', 'REGIONAL_ADMIN') ? 'allow' : 'deny'),
  },
  'GET /api/v1/audit/records/export': {
    targets: () => [{ scope: '-', region: 'nso', path: {}, query: { format: 'csv', limit: '5' } }],
    expect: (p) => (is(p, 'SYSTEM_ADMIN', 'REGIONAL_ADMIN') ? 'allow' : 'deny'),
  },
  'GET /api/v1/audit/records/:seq': {
    targets: single({ seq: '1' }),
    expect: (p) => (is(p, 'SYSTEM_ADMIN', 'REGIONAL_ADMIN') ? 'allow' : 'deny'),
  },
  'GET /api/v1/audit/security/hourly': {
    targets: () => [
      {
        scope: '-',
        region: 'nso',
        path: {},
        query: { from: '2026-11-01T00:00:00Z', to: '2026-11-30T00:00:00Z' },
      },
    ],
    expect: (p) => (is(p, 'SYSTEM_ADMIN', 'REGIONAL_ADMIN') ? 'allow' : 'deny'),
  },
  'GET /api/v1/audit/anchors': {
    targets: single(),
    expect: (p) => (is(p, 'SYSTEM_ADMIN') ? 'allow' : 'deny'),
  },
  'POST /api/v1/audit/anchors': {
    targets: single(),
    expect: (p) => (is(p, 'SYSTEM_ADMIN') ? 'allow' : 'deny'),
  },
  'GET /api/v1/audit/integrity': {
    targets: single(),
    expect: (p) => (is(p, 'SYSTEM_ADMIN') ? 'allow' : 'deny'),
  },
  'GET /api/v1/audit/my-data-accesses': {
    targets: () =>
      patientTargets()
        .slice(0, 3)
        .map((t) => ({ ...t, path: {}, query: { patientId: t.patientId ?? '' } })),
    expect: (p, t) =>
      p.kind === 'patient' && actsFor[p.patientId ?? '']?.includes(t.patientId ?? '') ? 'allow' : 'deny',
  },
  // ── consultations: the guard decides by role, the request by relation (requester, assigned consultant,
  // the region's dispatcher); an unrelated caller gets 404 CONSULTATIONS.NOT_FOUND, counted as a denial.
  'GET /api/v1/consultations/requests': {
    targets: single({}, undefined, { box: 'OPEN' }),
    expect: (p) => (is(p, 'REQUESTING_DOCTOR') ? 'allow' : 'deny'),
  },
  'GET /api/v1/consultations/inbox': {
    targets: single({}, undefined, { box: 'NEW' }),
    expect: (p) => (is(p, 'CONSULTANT') ? 'allow' : 'deny'),
  },
  'GET /api/v1/consultations/inbox/counts': {
    targets: single(),
    expect: (p) => (is(p, 'CONSULTANT') ? 'allow' : 'deny'),
  },
  'GET /api/v1/consultations/queue': {
    targets: single(),
    expect: (p) => (is(p, 'DISPATCHER') ? 'allow' : 'deny'),
  },
  'GET /api/v1/consultations/journal': { targets: single(), expect: (p) => journalRoles(p) },
  'GET /api/v1/consultations/journal/export': {
    targets: single({}, undefined, { format: 'csv' }),
    expect: (p) => journalRoles(p),
  },
  'GET /api/v1/consultations/dashboard': { targets: single(), expect: (p) => journalRoles(p) },
  'GET /api/v1/consultations/centres': {
    targets: single(),
    expect: (p) => (is(p, 'REQUESTING_DOCTOR', 'CONSULTANT', 'DISPATCHER') ? 'allow' : 'deny'),
  },
  'GET /api/v1/consultations/dictionaries/icd10': {
    targets: single({}, undefined, { q: 'I20' }),
    expect: (p) => (is(p, 'REQUESTING_DOCTOR', 'CONSULTANT', 'DISPATCHER') ? 'allow' : 'deny'),
  },
  'POST /api/v1/consultations/requests': {
    targets: () => [
      { scope: 'nso-patient', region: 'nso', path: {}, body: () => newRequest(P.kuznetsova) },
      { scope: 'tomsk-patient', region: 'tomsk', path: {}, body: () => newRequest(P.volkov) },
    ],
    // identity's policy: a doctor requests for patients of their own region
    expect: (p, t) => (is(p, 'REQUESTING_DOCTOR') && p.region === t.region ? 'allow' : 'deny'),
  },
  'GET /api/v1/consultations/requests/:id': {
    targets: (ctx) => [onRequest(ctx, 'assigned')],
    expect: related('REQUESTER', 'CONSULTANT', 'DISPATCHER'),
  },
  'PUT /api/v1/consultations/requests/:id': {
    targets: (ctx) => [onRequest(ctx, 'draft', () => ({ ...newRequest(P.smirnov), patientId: undefined }))],
    expect: related('REQUESTER'),
  },
  'POST /api/v1/consultations/requests/:id/submit': {
    targets: (ctx) => [onRequest(ctx, 'draft')],
    expect: related('REQUESTER'),
  },
  'POST /api/v1/consultations/requests/:id/resubmit': {
    targets: (ctx) => [onRequest(ctx, 'assigned')],
    expect: related('REQUESTER'),
  },
  'POST /api/v1/consultations/requests/:id/cancel': {
    targets: (ctx) => [onRequest(ctx, 'draft', () => ({ reason: 'matrix' }))],
    expect: related('REQUESTER'),
  },
  'POST /api/v1/consultations/requests/:id/provide-data': {
    targets: (ctx) => [onRequest(ctx, 'assigned', () => ({ text: 'matrix' }))],
    expect: related('REQUESTER'),
  },
  'POST /api/v1/consultations/requests/:id/assign': {
    targets: (ctx) => [
      onRequest(ctx, 'assigned', () => ({
        centreId: DEMO.organisations.gnokb,
        consultantId: S.consultant,
      })),
    ],
    expect: related('DISPATCHER'),
  },
  'POST /api/v1/consultations/requests/:id/escalate': {
    targets: (ctx) => [onRequest(ctx, 'escalate', () => ({ reason: 'matrix' }))],
    // once the regional dispatcher has escalated it, the request is the federal dispatcher's (409: already)
    expect: (p) => (p.name === 'dispatcher' || p.name === 'fed-dispatcher' ? 'allow' : 'deny'),
  },
  'POST /api/v1/consultations/requests/:id/return': {
    targets: (ctx) => [onRequest(ctx, 'return', () => ({ reason: 'matrix' }))],
    expect: related('DISPATCHER'),
  },
  'POST /api/v1/consultations/requests/:id/reject': {
    targets: (ctx) => [onRequest(ctx, 'reject', () => ({ reason: 'matrix' }))],
    expect: related('DISPATCHER', 'CONSULTANT'),
  },
  'POST /api/v1/consultations/requests/:id/take': {
    targets: (ctx) => [onRequest(ctx, 'assigned')],
    expect: related('CONSULTANT'),
  },
  'POST /api/v1/consultations/requests/:id/request-data': {
    targets: (ctx) => [onRequest(ctx, 'assigned', () => ({ text: 'matrix' }))],
    expect: related('CONSULTANT'),
  },
  'POST /api/v1/consultations/requests/:id/oral-conclusion': {
    targets: (ctx) => [onRequest(ctx, 'assigned', () => ({ text: 'matrix' }))],
    expect: related('CONSULTANT'),
  },
  'PUT /api/v1/consultations/requests/:id/conclusion': {
    targets: (ctx) => [onRequest(ctx, 'assigned', () => ({ content: emptyConclusion, version: null }))],
    expect: related('CONSULTANT'),
  },
  'POST /api/v1/consultations/requests/:id/conclusion/submit': {
    targets: (ctx) => [onRequest(ctx, 'assigned')],
    expect: related('CONSULTANT'),
  },
  'POST /api/v1/consultations/requests/:id/consilium': {
    targets: (ctx) => [onRequest(ctx, 'assigned', () => ({ consultantId: S.consultant2 }))],
    expect: related('CONSULTANT'),
  },
  'POST /api/v1/consultations/requests/:id/consilium/opinion': {
    // only invited consilium members give opinions; no persona is one
    targets: (ctx) => [onRequest(ctx, 'assigned', () => ({ text: 'matrix' }))],
    expect: related(),
  },
  'GET /api/v1/consultations/requests/:id/messages': {
    targets: (ctx) => [onRequest(ctx, 'assigned')],
    expect: related('REQUESTER', 'CONSULTANT', 'DISPATCHER'),
  },
  'POST /api/v1/consultations/requests/:id/messages': {
    targets: (ctx) => [onRequest(ctx, 'assigned', () => ({ body: 'matrix' }))],
    expect: related('REQUESTER', 'CONSULTANT', 'DISPATCHER'),
  },
  // files: access is checked before the body is read (the matrix's JSON body is a 400 for related callers)
  'POST /api/v1/consultations/requests/:id/attachments': {
    targets: (ctx) => [onRequest(ctx, 'assigned')],
    expect: related('REQUESTER', 'CONSULTANT', 'DISPATCHER'),
  },
  'GET /api/v1/consultations/requests/:id/attachments': {
    targets: (ctx) => [onRequest(ctx, 'assigned')],
    expect: related('REQUESTER', 'CONSULTANT', 'DISPATCHER'),
  },
  'GET /api/v1/consultations/requests/:id/attachments/:attachmentId': {
    targets: (ctx) => [
      { ...onRequest(ctx, 'assigned'), path: { id: ctx.requests.assigned, attachmentId: randomUUID() } },
    ],
    expect: related('REQUESTER', 'CONSULTANT', 'DISPATCHER'),
  },
  // deadline rules and the production calendar: administrators (regional: their region; system: any)
  'GET /api/v1/consultations/deadlines/rules': { targets: single(), expect: (p) => adminRoles(p) },
  'PUT /api/v1/consultations/deadlines/rules': {
    targets: single({}, () => ({ rules: defaultRules, version: 0 })),
    expect: (p) => adminRoles(p),
  },
  'GET /api/v1/consultations/deadlines/calendar': {
    targets: single({}, undefined, { year: '2026' }),
    expect: (p) => adminRoles(p),
  },
  'PUT /api/v1/consultations/deadlines/calendar/:date': {
    targets: single({ date: '2027-12-30' }, () => ({ working: false, note: 'matrix' })),
    expect: (p) => adminRoles(p),
  },
  'DELETE /api/v1/consultations/deadlines/calendar/:date': {
    targets: single({ date: '2027-12-30' }),
    expect: (p) => adminRoles(p),
  },
  // signing: the request's participants read its documents; the author signs; system administrators
  // manage the trust store (regional administrators read it); the verification page is public
  'GET /api/v1/signing/conclusions/:requestId': {
    // not submitted yet: related callers get 404 SIGNING.NO_CONCLUSION (not a denial)
    targets: (ctx) => [{ ...onRequest(ctx, 'assigned'), path: { requestId: ctx.requests.assigned } }],
    expect: related('REQUESTER', 'CONSULTANT', 'DISPATCHER'),
  },
  'GET /api/v1/signing/documents/:id': {
    targets: (ctx) => [{ scope: 'conclusion', region: 'nso', path: { id: ctx.documentId } }],
    expect: related('REQUESTER', 'CONSULTANT', 'DISPATCHER'),
  },
  'GET /api/v1/signing/documents/:id/original': {
    targets: (ctx) => [{ scope: 'conclusion', region: 'nso', path: { id: ctx.documentId } }],
    expect: related('REQUESTER', 'CONSULTANT', 'DISPATCHER'),
  },
  'GET /api/v1/signing/documents/:id/stamped': {
    // unsigned: related callers get 409 SIGNING.NOT_SIGNED
    targets: (ctx) => [{ scope: 'conclusion', region: 'nso', path: { id: ctx.documentId } }],
    expect: related('REQUESTER', 'CONSULTANT', 'DISPATCHER'),
  },
  'GET /api/v1/signing/documents/:id/signatures/:signatureId': {
    targets: (ctx) => [
      { scope: 'conclusion', region: 'nso', path: { id: ctx.documentId, signatureId: randomUUID() } },
    ],
    expect: related('REQUESTER', 'CONSULTANT', 'DISPATCHER'),
  },
  'POST /api/v1/signing/documents/:id/signatures': {
    // the author's garbage signature: 400 for the consultant; the others are not signers
    targets: (ctx) => [
      { scope: 'conclusion', region: 'nso', path: { id: ctx.documentId }, body: () => ({ signature: '!' }) },
    ],
    expect: related('CONSULTANT'),
  },
  'POST /api/v1/signing/verify': { targets: single(), expect: everyone },
  'GET /api/v1/signing/trust/anchors': { targets: single(), expect: (p) => adminRoles(p) },
  'POST /api/v1/signing/trust/anchors': {
    targets: single({}, () => ({ certificate: 'not-a-certificate' })),
    expect: (p) => (is(p, 'SYSTEM_ADMIN') ? 'allow' : 'deny'),
  },
  'DELETE /api/v1/signing/trust/anchors/:id': {
    targets: single({ id: randomUUID() }),
    expect: (p) => (is(p, 'SYSTEM_ADMIN') ? 'allow' : 'deny'),
  },
  'GET /api/v1/signing/trust/crls': { targets: single(), expect: (p) => adminRoles(p) },
  'POST /api/v1/signing/trust/crls': {
    targets: single({}, () => ({ crl: 'not-a-crl-at-all' })),
    expect: (p) => (is(p, 'SYSTEM_ADMIN') ? 'allow' : 'deny'),
  },
  'POST /api/v1/signing/trust/crls/fetch': {
    targets: single({}, () => ({ url: 'ftp://example.invalid/x.crl' })),
    expect: (p) => (is(p, 'SYSTEM_ADMIN') ? 'allow' : 'deny'),
  },
  'DELETE /api/v1/signing/trust/crls/:id': {
    targets: single({ id: randomUUID() }),
    expect: (p) => (is(p, 'SYSTEM_ADMIN') ? 'allow' : 'deny'),
  },
  'POST /api/v1/consultations/demo-pings': {
    targets: single({}, () => ({ message: 'matrix' })),
    expect: nobody,
  },
  'GET /api/v1/audit/event-log': { targets: single(), expect: nobody },
  'GET /api/v1/ops/dead-letters': { targets: single(), expect: nobody },
  'POST /api/v1/ops/dead-letters/:id/retry': {
    targets: single({ id: '00000000-0000-7000-8000-000000000000' }),
    expect: nobody,
  },
};

interface Route {
  readonly key: string;
  readonly method: string;
  readonly path: string;
}

function routeTable(app: INestApplication): Route[] {
  const scanner = new MetadataScanner();
  const routes: Route[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!type) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, type) ?? '').replace(/^\/|\/$/g, '');
      for (const name of scanner.getAllMethodNames(type.prototype)) {
        const handler = (type.prototype as Record<string, unknown>)[name] as object;
        const sub = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        if (sub === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number] ?? 'GET';
        const joined = [base, sub.replace(/^\/|\/$/g, '')].filter(Boolean).join('/');
        const path = base.startsWith('health') ? `/${joined}` : `/api/v1/${joined}`;
        routes.push({ key: `${method} ${path}`, method, path });
      }
    }
  }
  return routes;
}

describe('authorization matrix (every endpoint × persona × scope)', () => {
  let config: AppConfig;
  let app: INestApplication;
  let base: string;
  let db: DataSource;
  let ctx: Ctx;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    config = loadConfig(testEnv({ LOGIN_MAX_FAILURES: '100' }));
    app = await createApiApp(config, { logger: false });
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', 'localhost');
    db = await new DataSource({ type: 'postgres', url: config.DATABASE_URL, extra: { max: 2 } }).initialize();
    // fixtures: one organisation and one staff user per region, created for this run
    const tag = uniq();
    const orgs = { nso: `00000000-0000-4000-8000-${tag}0001`, tomsk: `00000000-0000-4000-8000-${tag}0002` };
    const users = { nso: `00000000-0000-4000-8000-${tag}0003`, tomsk: `00000000-0000-4000-8000-${tag}0004` };
    for (const [r, regionId] of [
      ['nso', DEMO.regions.nso],
      ['tomsk', DEMO.regions.tomsk],
    ] as const) {
      await db.query(
        `INSERT INTO identity.organisation (id, region_id, name, level, time_zone) VALUES ($1,$2,$3,1,'Asia/Novosibirsk')`,
        [orgs[r], regionId, `Matrix clinic ${r} ${tag}`],
      );
      await db.query(
        `INSERT INTO identity.staff_user (id, login, surname, name, time_zone) VALUES ($1,$2,'Цель','Матрица','Asia/Tomsk')`,
        [users[r], `target-${r}-${tag}`],
      );
      await db.query(
        `INSERT INTO identity.membership (user_id, organisation_id, role) VALUES ($1,$2,'REQUESTING_DOCTOR')`,
        [users[r], orgs[r]],
      );
    }
    const hasher = app.get<PasswordHasher>(PASSWORD_HASHER);
    const integrators = app.get<IntegratorStore>(INTEGRATOR_STORE);
    const clients = {
      nso: `00000000-0000-4000-8000-${tag}0007`,
      tomsk: `00000000-0000-4000-8000-${tag}0008`,
    };
    for (const r of ['nso', 'tomsk'] as const) {
      await integrators.insertClient({
        id: clients[r],
        clientId: `target-${r}-${tag}`,
        secretHash: 'unused',
        organisationId: orgs[r],
        name: `target ${r}`,
        scopes: ['patients:read'],
        active: true,
      });
    }
    // doctor–doctor requests of the demo doctor, assigned to the demo consultant (through the service)
    const requestsService = app.get(RequestService);
    const asDoctor: Actor = {
      kind: 'staff',
      userId: S.doctor,
      sessionId: 'matrix',
      organisationId: DEMO.organisations.kyshtovka,
      regionId: DEMO.regions.nso,
      roles: ['REQUESTING_DOCTOR'],
    };
    const asDispatcher: Actor = {
      kind: 'staff',
      userId: S.dispatcher,
      sessionId: 'matrix',
      organisationId: DEMO.organisations.ktcNso,
      regionId: DEMO.regions.nso,
      roles: ['DISPATCHER'],
    };
    const makeRequest = async (assign: boolean, submit = true) => {
      const created = await requestsService.createDraft(
        asDoctor,
        newRequest(P.smirnov) as Parameters<RequestService['createDraft']>[1],
      );
      const id = created.snapshot.id;
      if (submit) await requestsService.submit(asDoctor, id);
      if (assign) await requestsService.assign(asDispatcher, id, DEMO.organisations.gnokb, S.consultant);
      return id;
    };
    const asConsultant: Actor = {
      kind: 'staff',
      userId: S.consultant,
      sessionId: 'matrix',
      organisationId: DEMO.organisations.gnokb,
      regionId: DEMO.regions.nso,
      roles: ['CONSULTANT'],
    };
    const concluded = await makeRequest(true);
    await requestsService.take(asConsultant, concluded);
    await requestsService.saveConclusion(
      asConsultant,
      concluded,
      {
        ...emptyConclusion,
        mainDiagnosis: { code: 'I20.0', text: 'Нестабильная стенокардия' },
        conclusion: 'matrix',
        recommendations: 'matrix',
      } as Parameters<RequestService['saveConclusion']>[2],
      null,
    );
    await requestsService.submitConclusion(asConsultant, concluded);
    const documentId = (await app.get(SigningService).conclusionOf(asConsultant, concluded)).document.id;
    const requests = {
      assigned: await makeRequest(true),
      draft: await makeRequest(false, false),
      escalate: await makeRequest(false),
      return: await makeRequest(false),
      reject: await makeRequest(true),
    };
    ctx = {
      requests,
      documentId,
      orgs,
      clients,
      users,
      version: async (id) =>
        (
          (await db.query(`SELECT version FROM identity.organisation WHERE id = $1`, [id])) as {
            version: number;
          }[]
        )[0]?.version ?? 1,
    };
    // integrator clients of the NSO region
    for (const p of personas.filter((x) => x.kind === 'integrator')) {
      const clientId = `${p.name}-${tag}`;
      await integrators.insertClient({
        id: `00000000-0000-4000-8000-${tag}${p.name === 'integrator-read' ? '0005' : '0006'}`,
        clientId,
        secretHash: await hasher.hash('client-secret-0123456789'),
        organisationId: DEMO.organisations.kyshtovka,
        name: p.name,
        scopes: [...(p.scopes ?? [])],
        active: true,
      });
      const res = await fetch(`${base}/api/v1/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: clientId,
          client_secret: 'client-secret-0123456789',
        }),
      });
      expect(res.status).toBe(200);
      tokens.set(p.name, ((await res.json()) as { access_token: string }).access_token);
    }
  });

  afterAll(async () => {
    await db.destroy();
    await app.close();
    await dropQueues(config.REDIS_URL, config.QUEUE_PREFIX);
  });

  /** A fresh session per call, so logout cells do not end the persona's other cells. */
  async function headersFor(p: Persona): Promise<Record<string, string>> {
    const auth = app.get(AuthService);
    const meta = { ip: '127.0.0.1', userAgent: 'matrix' };
    if (p.kind === 'staff' && p.userId) {
      const s = await auth.openSession({ kind: 'staff', userId: p.userId }, 'password', meta, null);
      return { cookie: `tmk_session=${s.token}; tmk_csrf=${s.csrfToken}`, 'x-csrf-token': s.csrfToken };
    }
    if (p.kind === 'patient' && p.patientId) {
      const s = await auth.openSession(
        { kind: 'patient', patientId: p.patientId },
        'oidc',
        meta,
        'esia-demo',
      );
      return { cookie: `tmk_session=${s.token}; tmk_csrf=${s.csrfToken}`, 'x-csrf-token': s.csrfToken };
    }
    if (p.kind === 'integrator') return { authorization: `Bearer ${tokens.get(p.name) ?? ''}` };
    return {};
  }

  it('every endpoint has a case, and no persona gets an unexpected allow or deny', async () => {
    const routes = routeTable(app);
    const missing = routes.filter((r) => !cases[r.key]).map((r) => r.key);
    expect(missing).toEqual([]);
    const unexpectedAllows: string[] = [];
    const unexpectedDenies: string[] = [];
    let cells = 0;
    for (const route of routes) {
      const c = cases[route.key] as Case;
      for (const target of c.targets(ctx)) {
        for (const persona of personas) {
          const expected = c.expect(persona, target);
          const url = new URL(
            base + route.path.replace(/:(\w+)/g, (_, k: string) => target.path[k] ?? `:${k}`),
          );
          for (const [k, v] of Object.entries(target.query ?? {})) url.searchParams.set(k, v);
          const body = target.body
            ? JSON.stringify(await target.body())
            : route.method === 'GET'
              ? undefined
              : '{}';
          const res = await fetch(url, {
            method: route.method,
            redirect: 'manual',
            headers: {
              ...(await headersFor(persona)),
              ...(body ? { 'content-type': 'application/json' } : {}),
            },
            body,
          });
          const text = await res.text();
          cells++;
          // Access decisions only: a wrong password on the public login endpoint is a 401 but no access denial.
          // A request the caller has no relation to answers 404 CONSULTATIONS.NOT_FOUND (no probing of ids),
          // and so do its documents (SIGNING.NOT_FOUND).
          const denied =
            ((res.status === 401 || res.status === 403) &&
              /"code":"(ACCESS\.[A-Z_]+|AUTH\.CSRF|CONSULTATIONS\.NOT_ALLOWED|SIGNING\.NOT_A_SIGNER)"/.test(
                text,
              )) ||
            (res.status === 404 && /"code":"(CONSULTATIONS|SIGNING)\.NOT_FOUND"/.test(text));
          const label = `${route.key} [${target.scope}] as ${persona.name}: ${res.status} ${text.slice(0, 160)}`;
          if (expected === 'deny' && !denied) unexpectedAllows.push(label);
          if (expected !== 'deny' && denied) unexpectedDenies.push(label);
          if (expected === 'empty' && res.status === 200 && text !== '[]')
            unexpectedAllows.push(`${label} (expected an empty result)`);
          if (expected === 'allow' && route.key.endsWith('/patients/search') && text === '[]')
            unexpectedDenies.push(`${label} (expected matches)`);
        }
      }
    }
    console.log(
      `authorization matrix: ${routes.length} endpoints × ${personas.length} personas, ${cells} cells`,
    );
    expect(unexpectedAllows).toEqual([]);
    expect(unexpectedDenies).toEqual([]);
  }, 300_000); // ~1,400 cells, each a real HTTP round trip with a fresh session
});
