// The benchmark's own arithmetic, where a mistake would flatter or wrong one side.
import { test, expect } from '@playwright/test';
import { eventsByKey, handlerTime } from '../../bench/event-timing.mjs';

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

test('a key’s events end where the next key’s begin', () => {
  const entry = (name, startTime, duration, processingStart, processingEnd) => ({ name, startTime, duration, processingStart, processingEnd });
  // Two keys as Chromium reports them when the second is pressed just after the first's
  // paint: the first keydown's duration, rounded up to 8 ms, reaches past the second's.
  const events = [
    entry('keydown', 100, 24, 100.5, 100.7),
    entry('keypress', 100.1, 24, 100.8, 104.8),
    entry('input', 101, 16, 101.5, 104.6),
    entry('keydown', 118, 16, 118.4, 118.6),
    entry('keypress', 118.2, 16, 118.7, 122.1),
    entry('keyup', 125, 16, 125.2, 125.3),
    entry('keydown', 300, 16, 300.2, 300.3),
  ];
  const keys = eventsByKey(events, 50, 200);
  expect(keys.map((k) => k.down.startTime)).toEqual([100, 118]);
  expect(keys[0].events.map((e) => e.name)).toEqual(['keydown', 'keypress', 'input']);
  expect(keys[1].events.map((e) => e.name)).toEqual(['keydown', 'keypress', 'keyup']);
  // Each key's handlers, its own only: 0.2 + 4.0, and 0.2 + 3.4 + 0.1.
  expect(handlerTime(keys[0].events)).toBeCloseTo(4.2, 6);
  expect(handlerTime(keys[1].events)).toBeCloseTo(3.7, 6);
  // The window's bounds: events outside [from, to) are no key's.
  expect(eventsByKey(events, 110, 200).map((k) => k.down.startTime)).toEqual([118]);
});
