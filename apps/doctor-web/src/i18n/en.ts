import type { Translation } from '@tmk/web-i18n';
import type { DoctorMessages } from './ru';

export const doctorEn: Translation<DoctorMessages> = {
  app: {
    documentTitle: 'ТМК — Doctor workspace',
  },
  nav: {
    requests: 'Requests',
    requestsNew: 'New',
    requestsInWork: 'In progress',
    requestsClosed: 'Closed',
    requestsOverdue: 'Overdue',
    schedule: 'Schedule',
    referrals: 'Referrals',
    patients: 'Patients',
    profile: 'Profile',
  },
  home: {
    eyebrow: 'Doctor workspace',
    title: 'Dashboard',
    lead: 'Doctor-to-doctor and doctor-to-patient telemedicine consultations in one place: requests you sent to colleagues as the treating doctor, and requests that came to you as a consultant.',
    listsTitle: 'Requests',
    lists: {
      new: 'Registered and waiting to be taken into work.',
      inWork: 'Consultations being worked on, including those waiting for more data.',
      overdue: 'Requests whose answer deadline has passed.',
      closed: 'Finished consultations with signed conclusions.',
    },
    stepsTitle: 'How a doctor-to-doctor consultation works',
    steps: {
      question:
        'The treating doctor formulates questions for the consultant and fills in the electronic request with a detailed case extract.',
      materials: 'Materials are attached: scans, ECGs, spirograms, lab results.',
      routing:
        'The request is registered and numbered; it goes to the chosen consultant or to a coordination centre dispatcher.',
      conclusion:
        'The consultant studies the materials and signs the conclusion with a qualified electronic signature.',
      consilium: 'If needed, a video consilium of several specialists is held.',
    },
    responsibility: 'Responsibility for acting on the consultant’s advice stays with the treating doctor.',
  },
  requests: {
    section: 'Requests',
    rolesLabel: 'Your role in the requests',
    incoming: 'To me as consultant',
    outgoing: 'My requests to colleagues',
    incomingNote: 'Requests addressed to you or to your consultation centre.',
    outgoingNote: 'Requests you sent as the treating doctor.',
    new: {
      title: 'New requests',
      lead: 'Registered requests that nobody has taken into work yet.',
      emptyTitle: 'No new requests',
      emptyText:
        'Requests will appear here with their number, form (emergency, urgent, planned), specialty, patient and answer deadline. Emergency requests are listed first.',
    },
    inWork: {
      title: 'Requests in progress',
      lead: 'Consultations you are handling now or waiting on.',
      emptyTitle: 'No requests in progress',
      emptyText:
        'Requests move here after “Take into work” (for a scheduled session, no earlier than 15 minutes before it starts), and while waiting for more data from the treating doctor.',
    },
    closed: {
      title: 'Closed requests',
      lead: 'Finished consultations: the conclusion is signed and the materials are kept.',
      emptyTitle: 'No closed requests yet',
      emptyText:
        'Finished consultations will be kept here with the chat, files and signed conclusion; the conclusion can be downloaded as a PDF stamped with the electronic signature details.',
    },
    overdue: {
      title: 'Overdue requests',
      lead: 'Requests whose answer deadline for their form has passed.',
      emptyTitle: 'No overdue requests',
      emptyText:
        'A request lands here when its deadline passes without a signed conclusion: planned after 4 working days from receipt, urgent after 3–24 hours, emergency after 5 minutes – 3 hours, depending on the deadline set.',
    },
  },
  schedule: {
    title: 'Schedule',
    lead: 'Times when patients and colleagues can book a consultation with you.',
    tabsLabel: 'Schedule view',
    byDate: 'By day',
    templates: 'Templates',
    byDateEmptyTitle: 'No bookings on the selected days',
    byDateEmpty:
      'The day-by-day schedule will show free and booked slots, the patient, the type of communication and the topic. A consultation can be taken into work 15 minutes before it starts.',
    templatesEmptyTitle: 'No schedule templates yet',
    templatesEmpty:
      'A template has a name, a validity period, weekdays, first and last appointment times (the last one 15 minutes before the end of the day) and a slot grid, for example every 30 or 45 minutes. You can have several templates and switch each on or off.',
  },
  referrals: {
    title: 'Referrals',
    lead: 'Referrals you issued to patients after a consultation.',
    emptyTitle: 'No referrals issued',
    emptyText:
      'A referral is issued to a specialty or to a specific doctor, valid until a date or without limit, with possible diagnoses and a justification. The patient sees it in their portal and picks the doctor, date and time.',
  },
  profile: {
    title: 'Profile',
    lead: 'Your details as a healthcare professional, used in requests and in signed conclusions.',
    dataTitle: 'Doctor details',
    fullName: 'Full name',
    login: 'Username',
    snils: 'SNILS',
    specialty: 'Specialty',
    position: 'Position',
    organisation: 'Current organisation',
    timeZone: 'Time zone',
    roles: 'Roles',
    membershipsTitle: 'Workplaces and roles',
    membershipsLead: 'Organisations you can act for. Switch between them in the account menu.',
    current: 'current',
    timeZoneTitle: 'Time zone',
    timeZoneLead: 'Times in schedules and requests are shown in this time zone.',
    timeZoneSaved: 'Time zone saved.',
    signatureTitle: 'Electronic signature',
    signatureText:
      'Conclusions are signed with a qualified electronic signature through the CryptoPro browser plug-in. The SNILS in the certificate must match the SNILS in your profile.',
  },
  patients: {
    title: 'Patients',
    lead: 'Find a patient card by phone, SNILS or OMS policy. If there is none, create it.',
    cardTitle: 'Patient card',
    backToSearch: 'Back to patient search',
    notFound: 'The card does not exist or is not available to you.',
  },
};
