import type { DataSource } from 'typeorm';
import * as argon2 from 'argon2';
import { DICTIONARY_VERSION, POSITION_OID, POSITIONS, SPECIALTIES, SPECIALTY_OID } from './dictionaries';

/**
 * Demo data (docs/api/demo-accounts.md): a region with a coordination centre, a consultation centre and
 * two clinics, a second region, the federal level, staff of every role and patients. Fixed ids, so the
 * tests and the docs can name them; idempotent (ON CONFLICT DO NOTHING): re-running changes nothing.
 */
export const DEMO_PASSWORD = 'Demo-2026-pass';

const id = (n: number): string => `00000000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;

export const DEMO = {
  regions: { nso: id(0x101), tomsk: id(0x102) },
  organisations: {
    ktcNso: id(0x201),
    gnokb: id(0x202),
    kyshtovka: id(0x203),
    iskitim: id(0x204),
    tokb: id(0x205),
    almazov: id(0x206),
    fktc: id(0x207),
  },
  staff: {
    doctor: id(0x301),
    consultant: id(0x302),
    dispatcher: id(0x303),
    admin: id(0x304),
    sysadmin: id(0x305),
    fedDispatcher: id(0x306),
    tomskAdmin: id(0x307),
    tomskDoctor: id(0x308),
    consultant2: id(0x309),
    fedConsultant: id(0x30a),
  },
  patients: { smirnov: id(0x401), smirnova: id(0x402), kuznetsova: id(0x403), volkov: id(0x404) },
} as const;

const O = DEMO.organisations;
const S = DEMO.staff;

const regions = [
  [DEMO.regions.nso, '54', 'Новосибирская область', 'Asia/Novosibirsk'],
  [DEMO.regions.tomsk, '70', 'Томская область', 'Asia/Tomsk'],
] as const;

// id, region, name, short name, level, ТКЦ, КТЦ, time zone
const organisations = [
  [
    O.ktcNso,
    DEMO.regions.nso,
    'ГБУЗ НСО «Региональный координационно-технический центр»',
    'КТЦ НСО',
    3,
    false,
    true,
    'Asia/Novosibirsk',
  ],
  [
    O.gnokb,
    DEMO.regions.nso,
    'ГБУЗ НСО «Государственная Новосибирская областная клиническая больница»',
    'ГНОКБ',
    3,
    true,
    false,
    'Asia/Novosibirsk',
  ],
  [
    O.kyshtovka,
    DEMO.regions.nso,
    'ГБУЗ НСО «Кыштовская центральная районная больница»',
    'Кыштовская ЦРБ',
    1,
    false,
    false,
    'Asia/Novosibirsk',
  ],
  [
    O.iskitim,
    DEMO.regions.nso,
    'ГБУЗ НСО «Искитимская центральная городская больница»',
    'Искитимская ЦГБ',
    2,
    false,
    false,
    'Asia/Novosibirsk',
  ],
  [
    O.tokb,
    DEMO.regions.tomsk,
    'ОГАУЗ «Томская областная клиническая больница»',
    'ТОКБ',
    3,
    true,
    true,
    'Asia/Tomsk',
  ],
  [
    O.almazov,
    null,
    'ФГБУ «НМИЦ им. В. А. Алмазова» Минздрава России',
    'НМИЦ Алмазова',
    3,
    true,
    false,
    'Europe/Moscow',
  ],
  [
    O.fktc,
    null,
    'ФГБУ «Федеральный координационно-технический центр»',
    'ФКТЦ',
    3,
    false,
    true,
    'Europe/Moscow',
  ],
] as const;

// id, login, surname, name, patronymic, snils, specialty, position, tz, memberships
const staff = [
  [
    S.doctor,
    'doctor',
    'Иванова',
    'Мария',
    'Петровна',
    '23456789099',
    '76',
    '109',
    'Asia/Novosibirsk',
    [[O.kyshtovka, 'REQUESTING_DOCTOR']],
  ],
  [
    S.consultant,
    'consultant',
    'Петров',
    'Алексей',
    'Николаевич',
    '34567890123',
    '39',
    '40',
    'Asia/Novosibirsk',
    [
      [O.gnokb, 'CONSULTANT'],
      [O.iskitim, 'REQUESTING_DOCTOR'],
    ],
  ],
  [
    S.dispatcher,
    'dispatcher',
    'Сидорова',
    'Елена',
    'Викторовна',
    '45678901238',
    null,
    null,
    'Asia/Novosibirsk',
    [[O.ktcNso, 'DISPATCHER']],
  ],
  [
    S.admin,
    'admin',
    'Николаев',
    'Сергей',
    'Олегович',
    '56789012343',
    null,
    null,
    'Asia/Novosibirsk',
    [[O.ktcNso, 'REGIONAL_ADMIN']],
  ],
  [
    S.sysadmin,
    'sysadmin',
    'Орлова',
    'Татьяна',
    'Андреевна',
    '67890123438',
    null,
    null,
    'Europe/Moscow',
    [[O.fktc, 'SYSTEM_ADMIN']],
  ],
  [
    S.fedDispatcher,
    'fed-dispatcher',
    'Лебедев',
    'Дмитрий',
    'Игоревич',
    '13579246894',
    null,
    null,
    'Europe/Moscow',
    [[O.fktc, 'DISPATCHER']],
  ],
  [
    S.tomskAdmin,
    'tomsk-admin',
    'Громов',
    'Андрей',
    'Павлович',
    '78901234523',
    null,
    null,
    'Asia/Tomsk',
    [[O.tokb, 'REGIONAL_ADMIN']],
  ],
  [
    S.tomskDoctor,
    'tomsk-doctor',
    'Белова',
    'Ирина',
    'Сергеевна',
    '21098765479',
    '76',
    '108',
    'Asia/Tomsk',
    [[O.tokb, 'REQUESTING_DOCTOR']],
  ],
  [
    S.consultant2,
    'consultant2',
    'Кузьмина',
    'Ольга',
    'Викторовна',
    '33445566784',
    '53',
    '40',
    'Asia/Novosibirsk',
    [[O.gnokb, 'CONSULTANT']],
  ],
  [
    S.fedConsultant,
    'fed-consultant',
    'Андреев',
    'Павел',
    'Михайлович',
    '44556677828',
    '39',
    '40',
    'Europe/Moscow',
    [[O.almazov, 'CONSULTANT']],
  ],
] as const;

const P = DEMO.patients;
// id, surname, name, patronymic, birth, sex, snils, oms, phone, email, attached, region
const patients = [
  [
    P.smirnov,
    'Смирнов',
    'Иван',
    'Сергеевич',
    '1980-03-15',
    'MALE',
    '11223344595',
    '5400000000000013',
    '+79130000001',
    'ivan.smirnov@example.ru',
    O.kyshtovka,
    DEMO.regions.nso,
  ],
  [
    P.smirnova,
    'Смирнова',
    'Анна',
    'Ивановна',
    '2015-06-01',
    'FEMALE',
    '12345678964',
    '5400000000000021',
    null,
    null,
    O.kyshtovka,
    DEMO.regions.nso,
  ],
  [
    P.kuznetsova,
    'Кузнецова',
    'Ольга',
    'Викторовна',
    '1992-11-20',
    'FEMALE',
    '98765432183',
    '5400000000000039',
    '+79130000003',
    'olga.k@example.ru',
    O.iskitim,
    DEMO.regions.nso,
  ],
  [
    P.volkov,
    'Волков',
    'Пётр',
    'Андреевич',
    '1975-08-09',
    'MALE',
    '15678901211',
    '7000000000000013',
    '+79230000004',
    null,
    O.tokb,
    DEMO.regions.tomsk,
  ],
] as const;

/** Dictionaries only (every environment needs them). */
export async function seedDictionaries(db: DataSource): Promise<void> {
  const rows = [
    ...SPECIALTIES.map(([code, name]) => ['specialty', code, name, SPECIALTY_OID]),
    ...POSITIONS.map(([code, name]) => ['position', code, name, POSITION_OID]),
  ];
  await db.query(
    `INSERT INTO identity.dictionary_entry (dictionary, code, name, oid, version)
     SELECT d, c, n, o, $5 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS t(d, c, n, o)
     ON CONFLICT (dictionary, code) DO NOTHING`,
    [
      rows.map((r) => r[0]),
      rows.map((r) => r[1]),
      rows.map((r) => r[2]),
      rows.map((r) => r[3]),
      DICTIONARY_VERSION,
    ],
  );
}

export async function seedDemo(db: DataSource): Promise<{ created: boolean }> {
  await seedDictionaries(db);
  const [existing]: { id: string }[] = await db.query(`SELECT id FROM identity.staff_user WHERE id = $1`, [
    S.doctor,
  ]);
  const hash = existing
    ? ''
    : await argon2.hash(DEMO_PASSWORD, {
        type: argon2.argon2id,
        memoryCost: 19_456,
        timeCost: 2,
        parallelism: 1,
      });
  await db.transaction(async (em) => {
    for (const r of regions) {
      await em.query(
        `INSERT INTO identity.region (id, code, name, time_zone) VALUES ($1,$2,$3,$4) ON CONFLICT DO NOTHING`,
        [...r],
      );
    }
    for (const o of organisations) {
      await em.query(
        `INSERT INTO identity.organisation (id, region_id, name, short_name, level, is_consultation_centre,
           is_coordination_centre, time_zone) VALUES ($1,$2,$3,$4,$5,$6,$7,$8) ON CONFLICT DO NOTHING`,
        [...o],
      );
    }
    if (!existing) {
      for (const [
        uid,
        login,
        surname,
        name,
        patronymic,
        snils,
        specialty,
        position,
        tz,
        memberships,
      ] of staff) {
        await em.query(
          `INSERT INTO identity.staff_user (id, login, surname, name, patronymic, snils, specialty_code, position_code,
             time_zone, password_hash) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) ON CONFLICT DO NOTHING`,
          [uid, login, surname, name, patronymic, snils, specialty, position, tz, hash],
        );
        for (const [org, role] of memberships) {
          await em.query(
            `INSERT INTO identity.membership (user_id, organisation_id, role) VALUES ($1,$2,$3) ON CONFLICT DO NOTHING`,
            [uid, org, role],
          );
        }
      }
    }
    for (const p of patients) {
      await em.query(
        `INSERT INTO identity.patient (id, surname, name, patronymic, birth_date, sex, snils, oms_policy, phone, email,
           attached_organisation_id, region_id, created_by) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,'seed')
         ON CONFLICT DO NOTHING`,
        [...p],
      );
    }
    await em.query(
      `INSERT INTO identity.representative (patient_id, representative_id, relation) VALUES ($1,$2,'PARENT') ON CONFLICT DO NOTHING`,
      [P.smirnova, P.smirnov],
    );
  });
  return { created: !existing };
}
