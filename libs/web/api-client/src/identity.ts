import { unwrap, useApiClient } from './client';
import type { components } from './schema';

/** Short names for the identity API's shapes (docs/api/identity.md), generated from the OpenAPI document. */
type Schemas = components['schemas'];

export type StaffRole = Schemas['StaffRole'];
export type Me = Schemas['MeDto'];
export type Membership = Schemas['MembershipDto'];
export type ActsFor = Schemas['ActsForDto'];
export type Region = Schemas['RegionDto'];
export type Organisation = Schemas['OrganisationDto'];
export type OrganisationInput = Schemas['OrganisationInputDto'];
export type OrganisationUpdate = Schemas['OrganisationUpdateDto'];
export type DictionaryEntry = Schemas['DictionaryEntryDto'];
export type Staff = Schemas['StaffDto'];
export type NewStaff = Schemas['NewStaffDto'];
export type Patient = Schemas['PatientCardDto'];
export type PatientMatch = Schemas['PatientMatchDto'];
export type PatientLink = Schemas['PatientLinkDto'];
export type NewPatient = Schemas['NewPatientDto'];

/** An external identity provider the api offers (`GET /api/v1/auth/providers`). */
export type AuthProvider = Schemas['AuthProviderDto'];

/** Which SPA starts an external sign-in (the api sends failures back to that app's sign-in page). */
export type SpaApp = 'doctor' | 'patient' | 'coordinator';

/** The demo "Госуслуги" provider's id. */
export const ESIA_DEMO_PROVIDER = 'esia-demo';

/** Lists the external identity providers (for the sign-in pages). */
export async function fetchAuthProviders(): Promise<AuthProvider[]> {
  return unwrap(useApiClient().GET('/api/v1/auth/providers'));
}

/**
 * The address that starts a sign-in with an external provider: the api redirects to the provider and, once
 * done, back to `returnTo` (a path on this origin, e.g. `/patient/profile`).
 */
export function oidcLoginUrl(provider: string, app: SpaApp, returnTo: string): string {
  const query = new URLSearchParams({ app, returnTo });
  return `/api/v1/auth/oidc/${encodeURIComponent(provider)}/login?${query.toString()}`;
}
