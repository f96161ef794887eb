import type { Translation } from '@tmk/web-i18n';
import type { CoordinatorMessages } from './ru';

export const coordinatorEn: Translation<CoordinatorMessages> = {
  app: {
    documentTitle: 'ТМК — Coordination centre',
  },
  nav: {
    queue: 'Queue',
    centres: 'Centres',
    journal: 'Journal',
    users: 'Users',
    audit: 'Audit',
  },
  home: {
    eyebrow: 'Coordination centre',
    title: 'Overview',
    lead: 'The workplace of the region’s dispatchers and administrators: routing requests to consultation centres and consultants, the telemedicine consultation journal, staff accounts and audit.',
    sectionsTitle: 'Sections',
    sections: {
      queue: 'Requests waiting for a centre and a consultant to be assigned.',
      centres: 'The region’s consultation centres and federal centres.',
      journal: 'The register of all telemedicine consultations.',
      users: 'Accounts and permissions of medical organisations’ staff.',
      audit: 'Security log: access grants and operations on data.',
    },
    routingTitle: 'How requests are routed',
    routing: {
      direct:
        'The treating doctor may send a request straight to a chosen centre or to a specific consultant.',
      dispatcher:
        'Otherwise the request comes to the region’s coordination centre, where a dispatcher assigns a centre and a consultant.',
      federal:
        'When the region has no suitable specialist, the request is escalated to the federal level with its full history.',
      emergency: 'Emergency requests skip pre-moderation.',
    },
  },
  queue: {
    title: 'Request queue',
    lead: 'Registered requests that need a consultation centre and a consultant.',
    tabsLabel: 'Form of care',
    emptyTitle: 'The queue is empty',
    emergencyEmpty:
      'Emergency requests are listed first and skip moderation: an answer is due within 5 minutes to 3 hours.',
    urgentEmpty:
      'Urgent requests are due within 3–24 hours of the request, depending on specialty and time of day.',
    plannedEmpty:
      'Planned requests are due within 4 working days of receipt, counted on the region’s production calendar.',
    itemHint:
      'Each queued request will show its number, requesting organisation and doctor, specialty, patient, time received and time left to the deadline.',
  },
  centres: {
    title: 'Centres',
    lead: 'Telemedicine consultation centres the dispatcher routes requests to.',
    emptyTitle: 'No centres connected yet',
    emptyText:
      'The region’s consultation centres and federal national medical research centres will appear here: consultation specialties, consultants, time zone, and the answer deadlines set by their heads.',
  },
  journal: {
    title: 'Consultation journal',
    lead: 'Every telemedicine consultation is registered in the journal, and its result is entered into the patient’s medical record.',
    emptyTitle: 'The journal has no entries yet',
    emptyText:
      'The journal will list the request number and dates, requesting and consulting organisations, form and mode, specialty, deadline and actual answer time, and conclusion status. It will be filterable and exportable.',
  },
  users: {
    title: 'Users',
    lead: 'Accounts of staff of the region’s medical organisations.',
    emptyTitle: 'No accounts yet',
    emptyText:
      'The regional administrator creates usernames and passwords for staff and assigns roles: treating doctor, consultant, dispatcher, administrator. One person may work in several organisations with different roles.',
  },
  audit: {
    title: 'Audit',
    lead: 'The system’s security log.',
    emptyTitle: 'No audit events yet',
    emptyText:
      'Every access grant and every operation on patient data will be shown here: who did what and when, to the exact time. Entries cannot be changed or deleted.',
  },
};
