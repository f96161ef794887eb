export * from './ports';
export * from './settings';
export * from './events';
export * from './authorization/policy';
export * from './authorization/authorizer.service';
export * from './auth/auth.service';
export * from './organisations/organisation.service';
export * from './staff/staff.service';
export * from './patients/patient.service';
export * from './integrators/integrator.service';
export * from './directory/directory.service';

import { AuthorizerService } from './authorization/authorizer.service';
import { AuthService } from './auth/auth.service';
import { OrganisationService } from './organisations/organisation.service';
import { StaffService } from './staff/staff.service';
import { PatientService } from './patients/patient.service';
import { IntegratorService } from './integrators/integrator.service';
import { DirectoryService } from './directory/directory.service';

/** Application services of identity, for the api module's providers. */
export const identityApplicationServices = [
  AuthorizerService,
  AuthService,
  OrganisationService,
  StaffService,
  PatientService,
  IntegratorService,
  DirectoryService,
];

/** Domain vocabulary the api layer needs for its DTOs. */
export { REPRESENTATIVE_RELATIONS, type RepresentativeRelation, type Sex } from '@tmk/identity-domain';
