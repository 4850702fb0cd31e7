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
