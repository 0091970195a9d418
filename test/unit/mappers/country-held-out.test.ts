/**
 * The held-out lists of issue 21 (country-held-out.fixture.ts): no spelling may go to a wrong
 * country, and the share resolved must not fall below what was measured when the work was done
 * (see country-held-out.results.md for the figures, per list, before and after).
 */
import { HELD_OUT, HELD_OUT_AFTER_TUNING } from './country-held-out.fixture';
import { HELD_OUT_THIRD } from './country-held-out-third.fixture';
import { HELD_OUT_FOURTH } from './country-held-out-fourth.fixture';
import { measureHeldOut } from './country-held-out';

describe('held-out country spellings', () => {
  test.each([
    ['written before the tuning', HELD_OUT, 0.98],
    ['written after the tuning', HELD_OUT_AFTER_TUNING, 0.98],
    ['third set, written before the second tuning', HELD_OUT_THIRD, 0.95],
    ['fourth set, written before the third tuning', HELD_OUT_FOURTH, 0.71],
  ] as const)('%s: none goes to a wrong country, and the share resolved holds', (_, rows, floor) => {
    const figures = measureHeldOut(rows);
    const wrong = figures.filter((f) => f.list !== 'all lists').flatMap((f) => f.misses.filter((miss) => miss.startsWith('wrong')));
    expect(wrong).toEqual([]);
    const all = figures.find((f) => f.list === 'all lists')!;
    expect(all.share).toBeGreaterThanOrEqual(floor);
  });

  test('the first set holds at least 900 spellings in 28 lists, the fourth at least 300 in 7', () => {
    expect(HELD_OUT.length).toBeGreaterThanOrEqual(900);
    expect(new Set(HELD_OUT.map((row) => row.list)).size).toBe(28);
    expect(HELD_OUT_FOURTH.length).toBeGreaterThanOrEqual(300);
    expect(new Set(HELD_OUT_FOURTH.map((row) => row.list)).size).toBe(7);
  });
});
