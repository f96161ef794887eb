import { unwrap, useApiClient } from '@tmk/web-api-client';

/** Organisation names by id, fetched once per page load (patients may read `GET /identity/organisations/{id}`). */
const cache = new Map<string, Promise<string | null>>();

/** The organisation's name (short name when it has one), or null when it cannot be read. */
export function organisationName(id: string): Promise<string | null> {
  let pending = cache.get(id);
  if (!pending) {
    pending = unwrap(useApiClient().GET('/api/v1/identity/organisations/{id}', { params: { path: { id } } }))
      .then((org) => org.name)
      .catch(() => {
        cache.delete(id); // try again next time
        return null;
      });
    cache.set(id, pending);
  }
  return pending;
}
