import type { InboxBox, MineBox } from '@tmk/web-api-client';

/** Whose lists: a consultant's inbox or a requesting doctor's own requests. */
export type Perspective = 'inbox' | 'mine';

/** The route of each list, in tab order. */
export const BOX_ROUTES: {
  readonly inbox: Record<InboxBox, string>;
  readonly mine: Record<MineBox, string>;
} = {
  inbox: {
    NEW: 'requests-new',
    IN_WORK: 'requests-in-work',
    CLOSED: 'requests-closed',
    OVERDUE: 'requests-overdue',
  },
  mine: {
    DRAFT: 'requests-mine-drafts',
    OPEN: 'requests-mine-open',
    CLOSED: 'requests-mine-closed',
    OVERDUE: 'requests-mine-overdue',
  },
};
