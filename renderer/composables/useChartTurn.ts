/**
 * Charts draw a step at a time: each chart (and each deferred section, `DeferredSlot.vue`) waits
 * for its turn before it renders, ECharts initialises or draws, so opening the Results task is many
 * short main-thread tasks instead of one long one, and the first charts appear at once.
 *
 * A task runs light turns (an ECharts init, a section's render, a small chart's draw) one after
 * another while it has run less than BUDGET_MS; a heavy turn (a large chart's draw, 30–50 ms) only
 * starts a task of its own. Tasks follow back to back (a MessageChannel message: nested timers are
 * clamped to 4 ms, and an animation frame per turn added ~16 ms to each of ~50 turns); the browser
 * paints between tasks when a frame is due. Turns asked for while a turn renders (the charts inside
 * a deferred section) go before the turns already waiting, so a section's charts draw before the
 * next section renders.
 */
import { nextTick, onBeforeUnmount, onMounted, ref } from 'vue';

const BUDGET_MS = 16;

interface Turn {
  readonly heavy: boolean;
  readonly run: () => void;
}

const waiting: Turn[] = [];
let scheduled = false;
/** While a turn's update renders: where the turns it asks for go (else null: at the end). */
let insertAt: number | null = null;
let channel: MessageChannel | null = null;

async function runTurns(): Promise<void> {
  scheduled = false;
  const started = performance.now();
  let first = true;
  while (waiting.length > 0) {
    const turn = waiting[0];
    if (!first && (turn.heavy || performance.now() - started > BUDGET_MS)) break;
    waiting.shift();
    first = false;
    insertAt = 0;
    turn.run();
    // The turn's render (and the onMounted of what it renders) runs in Vue's flush, a microtask.
    await nextTick();
    insertAt = null;
  }
  if (waiting.length > 0) schedule();
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  if (typeof MessageChannel === 'undefined') {
    setTimeout(() => void runTurns(), 0);
    return;
  }
  if (!channel) {
    channel = new MessageChannel();
    channel.port1.onmessage = () => void runTurns();
  }
  channel.port2.postMessage(null);
}

/**
 * True once this component may render (or its chart draw). `heavy`: this step (an ECharts draw)
 * starts a task of its own.
 */
export function useChartTurn(heavy = false) {
  const ready = ref(false);
  const turn: Turn = { heavy, run: () => (ready.value = true) };
  onMounted(() => {
    if (insertAt === null) {
      waiting.push(turn);
      schedule();
    } else waiting.splice(insertAt++, 0, turn);
  });
  onBeforeUnmount(() => {
    const index = waiting.indexOf(turn);
    if (index >= 0) waiting.splice(index, 1);
  });
  return ready;
}
