/**
 * Walks a search past HubSpot's 10,000-result cap: each call is a fresh query for the objects with an
 * hs_object_id greater than the last one seen (results sorted by id), so no query ever pages. Ends
 * at the first empty answer.
 */
export async function* searchWindows<T extends { id: string } | string>(
  startAfterId: string | undefined,
  search: (afterId: string | undefined) => Promise<T[]>,
): AsyncGenerator<{ items: T[]; lastId: string }> {
  let afterId = startAfterId;
  for (;;) {
    const items = await search(afterId);
    const last = items[items.length - 1];
    if (last === undefined) return;
    afterId = typeof last === 'string' ? last : last.id;
    yield { items, lastId: afterId };
  }
}
