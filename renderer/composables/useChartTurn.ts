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
import {
  nextTick,
  onActivated,
  onBeforeUnmount,
  onDeactivated,
  onMounted,
  ref,
  shallowRef,
  watch,
  type Ref,
  type ShallowRef,
} from 'vue';

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

/** Queues a turn: within the turn now rendering, before the turns already waiting; else last. */
function enqueue(turn: Turn): void {
  if (insertAt === null) {
    waiting.push(turn);
    schedule();
  } else waiting.splice(insertAt++, 0, turn);
}

function dequeue(turn: Turn): void {
  const index = waiting.indexOf(turn);
  if (index >= 0) waiting.splice(index, 1);
}

/** True once this component may render (a light turn: a section's render, an ECharts init). */
export function useChartTurn() {
  const ready = ref(false);
  const turn: Turn = { heavy: false, run: () => (ready.value = true) };
  onMounted(() => enqueue(turn));
  onBeforeUnmount(() => dequeue(turn));
  return ready;
}

/**
 * One heavy turn of this component, queued at most once and only when `due`: `request` queues it.
 * While the component is inactive (its task out of view, kept alive) nothing is queued and a
 * queued turn is dropped; what is due then waits for the component's return.
 */
function useHeavyTurn(run: () => void, due: () => boolean): () => void {
  let active = true;
  let queued = false;
  const turn: Turn = {
    heavy: true,
    run: () => {
      queued = false;
      run();
    },
  };
  onActivated(() => (active = true));
  onDeactivated(() => {
    active = false;
    queued = false;
    dequeue(turn);
  });
  onBeforeUnmount(() => dequeue(turn));
  return () => {
    if (queued || !active || !due()) return;
    queued = true;
    enqueue(turn);
  };
}

/**
 * `source`'s value (a chart's option) as the chart should draw it: undefined until its first turn,
 * then each change in a heavy turn of its own. A new fit or another fit picked in the history
 * changes every Results chart's option at once; drawn in one flush that was one 300–400 ms task.
 * While the component is inactive (its task is out of view, kept alive) nothing is drawn: the
 * latest value waits for its return.
 */
export function useTurnedValue<T>(source: () => T): Readonly<ShallowRef<T | undefined>> {
  const shown = shallowRef<T | undefined>(undefined);
  const request = useHeavyTurn(
    () => (shown.value = source()),
    () => source() !== shown.value,
  );
  onMounted(request);
  watch(source, request);
  onActivated(request);
  return shown;
}

/** What `useTurnedResize` needs of a vue-echarts component (its exposed root and chart). */
export interface ChartView {
  readonly root?: HTMLElement;
  readonly chart?: {
    getDom(): HTMLElement;
    getWidth(): number;
    getHeight(): number;
    resize(): void;
    getZr(): { flush(): void };
  };
}

/**
 * Keeps a chart sized to its box, one resize per heavy turn; used instead of vue-echarts'
 * `autoresize`, which compared the observed content box (fractional pixels) with the chart's size
 * (whole pixels): every chart of a task resized each time the task came back into view, one
 * 200–300 ms task, and zrender repainted them all in the next frame (another 100–160 ms). Here
 * a chart resizes only when its box's whole-pixel size differs from the chart's, never while
 * inactive, and repaints in its own turn.
 */
export function useTurnedResize(view: Readonly<Ref<ChartView | null | undefined>>): void {
  let observer: ResizeObserver | null = null;
  const stale = (): boolean => {
    const chart = view.value?.chart;
    if (!chart) return false;
    const box = chart.getDom();
    const width = box.clientWidth;
    const height = box.clientHeight;
    return width > 0 && height > 0 && (width !== chart.getWidth() || height !== chart.getHeight());
  };
  // Checked again in the turn: the box may have changed back meanwhile. No check on return: the
  // observer reports the box as it comes back into view.
  const request = useHeavyTurn(() => {
    const chart = view.value?.chart;
    if (!chart || !stale()) return;
    chart.resize();
    chart.getZr().flush();
  }, stale);
  watch(
    () => view.value?.root,
    (root) => {
      observer?.disconnect();
      observer = null;
      if (!root || typeof ResizeObserver === 'undefined') return;
      observer = new ResizeObserver(request);
      observer.observe(root);
    },
  );
  onBeforeUnmount(() => observer?.disconnect());
}
