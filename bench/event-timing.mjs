// What bench/run.mjs reads from the Event Timing API's entries.

// The time in handlers of a key's events: the union of their processing spans. A key's
// events nest: the input event (and its handlers) is dispatched inside the keypress's
// processing, so adding the spans up would count the input's handlers twice.
export function handlerTime(events) {
  const spans = events
    .map((e) => [e.processingStart, e.processingEnd])
    .filter(([start, end]) => Number.isFinite(start) && Number.isFinite(end) && end > start)
    .sort((a, b) => a[0] - b[0]);
  let total = 0;
  let open = null;
  for (const [start, end] of spans) {
    if (open && start <= open[1]) {
      open[1] = Math.max(open[1], end);
    } else {
      if (open) total += open[1] - open[0];
      open = [start, end];
    }
  }
  return open ? total + open[1] - open[0] : 0;
}

// The events of each key pressed in [from, to) (performance.now() stamps): its keydown and
// every event that starts within the keydown's duration and before the next key's keydown.
// The duration runs to the paint after the key, rounded up to 8 ms, so the next key,
// pressed right after that paint, can start inside it; its events belong to it alone.
export function eventsByKey(events, from, to) {
  const inWindow = events.filter((e) => e.startTime >= from && e.startTime < to);
  const downs = inWindow.filter((e) => e.name === "keydown").sort((a, b) => a.startTime - b.startTime);
  return downs.map((down, i) => {
    const end = Math.min(down.startTime + down.duration, downs[i + 1]?.startTime ?? Number.POSITIVE_INFINITY);
    return { down, events: inWindow.filter((e) => e.startTime >= down.startTime && (e === down || e.startTime < end)) };
  });
}
