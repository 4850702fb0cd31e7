// The benchmark's own arithmetic, where a mistake would flatter or wrong one side.
import { test, expect } from '@playwright/test';
import { handlerTime } from '../../bench/event-timing.mjs';

const event = (processingStart, processingEnd) => ({ processingStart, processingEnd });

test('a key’s handler time counts nested events once', () => {
  // As Chromium reports a key typed into a text box: the input event runs inside the
  // keypress's processing.
  const key = [event(10.9, 11.1), event(11.1, 17.8), event(11.1, 11.1), event(12.1, 17.6), event(30, 30.2)];
  expect(handlerTime(key)).toBeCloseTo(0.2 + 6.7 + 0.2, 6);
  // Spans that only touch or overlap in part are joined.
  expect(handlerTime([event(0, 2), event(2, 3), event(2.5, 4)])).toBeCloseTo(4, 6);
  // Order does not matter, and missing or empty spans count nothing.
  expect(handlerTime([event(5, 6), event(0, 1), event(Number.NaN, 9), { processingStart: 1 }])).toBeCloseTo(2, 6);
  expect(handlerTime([])).toBe(0);
});
