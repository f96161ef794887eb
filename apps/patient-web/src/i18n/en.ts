import type { Translation } from '@tmk/web-i18n';
import type { PatientMessages } from './ru';

export const patientEn: Translation<PatientMessages> = {
  app: {
    documentTitle: 'ТМК — Patient portal',
  },
  nav: {
    consultations: 'My consultations',
    booking: 'Book',
    referrals: 'Referrals',
    profile: 'Profile',
    accessLog: 'Who opened my record',
  },
  home: {
    eyebrow: 'Patient portal',
    title: 'See a doctor online',
    lead: 'Book a telemedicine consultation, join a video call or chat with your doctor, and keep the conclusions in one place.',
    actionsTitle: 'What you can do',
    actions: {
      booking: 'Choose a doctor, a convenient date and time, and describe your question.',
      consultations: 'Upcoming and past consultations, the chat and the doctor’s conclusions.',
      referrals: 'Referrals from your treating doctor to a specialist.',
    },
    prepareTitle: 'How to prepare for a consultation',
    prepare: {
      question:
        'Write down your main question and your symptoms: when they started, what helps, which medicines you take.',
      documents:
        'Have your test and examination results ready: attach them as PDF, DOCX, XLSX, TXT or photos.',
      device:
        'Check your camera, microphone and speakers beforehand — the consultation page has a built-in check.',
      time: 'Join on time: the doctor opens the consultation no earlier than 15 minutes before it starts.',
    },
    emergencyTitle: 'An online consultation is not an ambulance',
    emergency: 'If your condition gets much worse or a life is at risk, call 103 or 112.',
  },
  consultations: {
    title: 'My consultations',
    lead: 'Consultations you are booked for, and the history of past ones.',
    tabsLabel: 'Consultations',
    upcoming: 'Upcoming',
    past: 'Past',
    upcomingEmptyTitle: 'No upcoming consultations',
    upcomingEmpty:
      'Consultations you book will appear here: date and time, doctor, and how you connect — video, an internet audio call, a call to your phone, or chat. The doctor never sees your phone number.',
    pastEmptyTitle: 'No past consultations yet',
    pastEmpty:
      'After a consultation, the chat, files and the doctor’s protocol are kept here. You can download the protocol as a PDF; the signed document shows the owner and validity of the electronic signature certificate.',
  },
  booking: {
    title: 'Book a consultation',
    lead: 'Booking takes a few minutes. You will get a confirmation on your phone.',
    stepsTitle: 'How booking works',
    steps: {
      doctor: 'Choose a doctor by specialty or by name.',
      slot: 'Pick a date and a free time slot.',
      channel: 'Choose how to connect: video, audio, a phone call or chat.',
      question: 'Describe your main question, symptoms and medical history.',
      files: 'Attach your test and examination results.',
      review: 'Check the details and confirm the booking.',
    },
    emptyTitle: 'Booking is not available yet',
    emptyText:
      'Booking opens once doctors in your region publish their schedules. You will see the doctors you may book: depending on your region’s rules, all doctors of the region, doctors of your clinic, or the doctor who referred you.',
  },
  referrals: {
    title: 'Referrals',
    lead: 'Referrals from your doctor to a specialist consultation.',
    emptyTitle: 'No referrals',
    emptyText:
      'Referrals from your treating doctor will appear here — to a specialty or to a specific doctor, with a validity period. With a referral you choose the doctor, date and time yourself.',
  },
  profile: {
    title: 'Profile',
    lead: 'Your personal data, protected as information covered by medical confidentiality.',
    dataTitle: 'Personal details',
    whose: 'Whose card',
    whoseHint: 'You are a legal representative and can work with the cards of the people you represent.',
    own: 'my card',
    represented: 'represented person',
    cardOf: 'Patient card: {name}',
    notFound: 'The card does not exist or is not available.',
    noCards: 'No patient card is linked to your account. Please contact your clinic.',
    representativeTitle: 'Legal representative',
    representative:
      'If you are the legal representative of a child or another person, several patient cards can be linked to your phone number and you can switch between them here.',
    consentTitle: 'Consents',
    consent:
      'Before your first consultation you need to give informed voluntary consent to medical intervention using telemedicine technologies, and separate consent for the consultation to be recorded.',
  },
  accessLog: {
    title: 'Who opened my medical information',
    lead: 'Every access to your medical information is recorded in a protected log, and the record cannot be changed or deleted.',
    linkText: 'When, who and what was viewed in your medical record.',
    cardOf: 'Record: {name}',
    count: 'Entries: {count}',
    emptyTitle: 'Nobody has opened this record yet',
    emptyText:
      'When a doctor or another staff member opens the medical information, an entry appears here: when, who and what was viewed.',
    who: 'Who',
    organisation: 'Organisation',
    what: 'What',
    onBehalf: 'by proxy',
    organisationUnknown: 'organisation not known',
    otherResource: 'data ({type})',
    timeZone: 'Times are in the {zone} time zone.',
    roles: {
      REQUESTING_DOCTOR: 'attending doctor',
      CONSULTANT: 'consulting doctor',
      DISPATCHER: 'dispatcher',
      REGIONAL_ADMIN: 'regional administrator',
      SYSTEM_ADMIN: 'system administrator',
    },
    actorKinds: {
      staff: 'staff member of a medical organisation',
      patient: 'you or your representative',
      integrator: 'medical information system',
      system: 'the ТМК system',
      anonymous: 'unknown user',
    },
    resources: {
      patient: 'medical record',
      patientSearch: 'patient search',
    },
  },
};
