/**
 * A small hand-drawn icon set (24×24, 2 px stroke, round joins) so the kit needs no icon dependency.
 * Each icon is a list of SVG path data strings.
 */
function circle(cx: number, cy: number, r: number): string {
  return `M${cx - r} ${cy}a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0`;
}

function rect(x: number, y: number, w: number, h: number, r: number): string {
  return `M${x + r} ${y}h${w - 2 * r}a${r} ${r} 0 0 1 ${r} ${r}v${h - 2 * r}a${r} ${r} 0 0 1 ${-r} ${r}h${-(w - 2 * r)}a${r} ${r} 0 0 1 ${-r} ${-r}v${-(h - 2 * r)}a${r} ${r} 0 0 1 ${r} ${-r}z`;
}

export const ICONS = {
  home: ['M3 11l9-7 9 7', 'M5 9.5V20h5v-6h4v6h5V9.5'],
  inbox: ['M3 13l3-8h12l3 8v6a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1z', 'M3 13h5l1.5 3h5l1.5-3h5'],
  plusCircle: [circle(12, 12, 9), 'M12 8v8M8 12h8'],
  clock: [circle(12, 12, 9), 'M12 7v5l3 2'],
  checkCircle: [circle(12, 12, 9), 'M8 12.5l2.5 2.5L16 9.5'],
  alert: ['M12 3.5l9.5 16.5h-19z', 'M12 10v4.5', 'M12 17.5h.01'],
  calendar: [rect(3, 5, 18, 16, 2), 'M3 10h18M8 3v4M16 3v4'],
  calendarPlus: [rect(3, 5, 18, 16, 2), 'M3 10h18M8 3v4M16 3v4', 'M12 13v5M9.5 15.5h5'],
  referral: [
    'M14 3H6a1 1 0 0 0-1 1v16a1 1 0 0 0 1 1h12a1 1 0 0 0 1-1V8z',
    'M14 3v5h5',
    'M9 14.5h6M13 12.5l2 2-2 2',
  ],
  user: [circle(12, 8, 4), 'M4 21c0-4 3.6-6.5 8-6.5s8 2.5 8 6.5'],
  video: [rect(3, 6, 13, 12, 2), 'M16 10.5l5-3v9l-5-3'],
  queue: ['M9 6h12M9 12h12M9 18h12', 'M4 6h.01M4 12h.01M4 18h.01'],
  building: ['M4 21V5.5L12 3v18', 'M12 9l8 2.5V21', 'M2 21h20', 'M7 8h2M7 12h2M7 16h2M15 14h2M15 17.5h2'],
  journal: ['M5 5a2 2 0 0 1 2-2h12v15H7a2 2 0 0 0-2 2z', 'M5 20a2 2 0 0 0 2 1h12v-3', 'M9 7.5h6M9 11h4'],
  users: [
    circle(9, 8, 3.5),
    'M2.5 20c0-3.5 3-5.5 6.5-5.5s6.5 2 6.5 5.5',
    'M16 4.7a3.5 3.5 0 0 1 0 6.6',
    'M18 14.8c2 .7 3.5 2.3 3.5 5.2',
  ],
  shield: ['M12 3l8 3v6c0 5-3.4 8-8 9-4.6-1-8-4-8-9V6z', 'M9 12l2 2 4-4'],
  menu: ['M4 7h16M4 12h16M4 17h16'],
  close: ['M6 6l12 12M18 6L6 18'],
  globe: [
    circle(12, 12, 9),
    'M3 12h18',
    'M12 3c2.4 2.5 3.6 5.5 3.6 9s-1.2 6.5-3.6 9c-2.4-2.5-3.6-5.5-3.6-9s1.2-6.5 3.6-9z',
  ],
  arrowLeft: ['M19 12H5M11 6l-6 6 6 6'],
  refresh: ['M20 11a8 8 0 1 0-2.3 5.7', 'M20 4v7h-7'],
  lock: [rect(5, 11, 14, 10, 2), 'M8 11V7a4 4 0 0 1 8 0v4'],
  info: [circle(12, 12, 9), 'M12 11v6', 'M12 7.5h.01'],
  search: [circle(11, 11, 7), 'M20 20l-4-4'],
  pulse: ['M3 12h4l2-5 4 10 2-5h6'],
  fileText: ['M14 3H6a1 1 0 0 0-1 1v16a1 1 0 0 0 1 1h12a1 1 0 0 0 1-1V8z', 'M14 3v5h5', 'M9 13h6M9 17h6'],
  chat: ['M4 5h16v11H9l-5 4z', 'M8 9.5h8M8 12.5h5'],
  signature: ['M3 17c3-6 5-9 6.5-9S10 14 8 17c2-1 4-5 6-5s0 4 1.5 4S19 14 21 13', 'M3 21h18'],
  copy: [rect(9, 9, 12, 12, 2), 'M5 15H4a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1h10a1 1 0 0 1 1 1v1'],
  download: ['M12 3v12', 'M7 10l5 5 5-5', 'M4 20h16'],
  upload: ['M12 16V4', 'M7 9l5-5 5 5', 'M4 20h16'],
  trash: ['M4 7h16', 'M10 11v6M14 11v6', 'M6 7l1 13a1 1 0 0 0 1 1h8a1 1 0 0 0 1-1l1-13', 'M9 7V4h6v3'],
  eye: ['M2 12s3.5-7 10-7 10 7 10 7-3.5 7-10 7S2 12 2 12z', circle(12, 12, 3)],
  eyeOff: [
    'M10.6 5.1A10.7 10.7 0 0 1 12 5c6.5 0 10 7 10 7a17.6 17.6 0 0 1-2.6 3.6',
    'M6.6 6.6C3.6 8.5 2 12 2 12s3.5 7 10 7c1.9 0 3.5-.6 4.9-1.4',
    'M9.9 9.9a3 3 0 0 0 4.2 4.2',
    'M3 3l18 18',
  ],
  logout: ['M9 21H5a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1h4', 'M16 17l5-5-5-5', 'M21 12H9'],
  check: ['M5 12.5l4.5 4.5L19 7.5'],
  chevronDown: ['M6 9l6 6 6-6'],
  swap: ['M7 4L3 8l4 4', 'M3 8h14', 'M17 20l4-4-4-4', 'M21 16H7'],
  edit: ['M4 20h4L19 9l-4-4L4 16z', 'M13.5 6.5l4 4'],
  key: [circle(8, 15, 4), 'M11 12l9-9', 'M16 7l3 3', 'M14 9l2 2'],
  userPlus: [circle(9, 8, 4), 'M2 21c0-4 3.1-6.5 7-6.5s7 2.5 7 6.5', 'M19 8v6M16 11h6'],
  power: ['M12 3v9', 'M6.3 6.3a8 8 0 1 0 11.4 0'],
  idCard: [
    rect(3, 5, 18, 14, 2),
    circle(9, 11, 2),
    'M5.5 16c.6-1.5 1.9-2.3 3.5-2.3s2.9.8 3.5 2.3',
    'M15 10h3M15 13.5h3',
  ],
} as const satisfies Record<string, readonly string[]>;

export type IconName = keyof typeof ICONS;
