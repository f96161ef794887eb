import type { RouteLocationRaw } from 'vue-router';
import type { IconName } from './icons';

/** One entry of an SPA's primary navigation: a link (`to`) or a group label with `children`. */
export interface NavItem {
  readonly id: string;
  readonly label: string;
  readonly to?: RouteLocationRaw;
  readonly icon?: IconName;
  readonly children?: readonly NavItem[];
}
