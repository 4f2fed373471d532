/**
 * Resolves in a later task (a macrotask), so what follows the await does not lengthen the task
 * that is running now: e.g. a worker's large reply is deserialised in one task and the UI updated
 * from it in the next. setTimeout(0), not a MessageChannel: nested setTimeouts are clamped, but one
 * per await is not nested, and it lets the browser paint in between when a frame is due.
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
