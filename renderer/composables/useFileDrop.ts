/** Files dropped anywhere on the window: `dragging` drives the drop overlay. */
import { onBeforeUnmount, onMounted, ref } from 'vue';

export function useFileDrop(onFiles: (files: File[]) => void) {
  const dragging = ref(false);
  // dragenter/dragleave fire for every child element: count them to know when the drag left.
  let depth = 0;

  const carriesFiles = (event: DragEvent): boolean =>
    event.dataTransfer?.types.includes('Files') ?? false;

  function onDragEnter(event: DragEvent): void {
    if (!carriesFiles(event)) return;
    depth += 1;
    dragging.value = true;
  }
  function onDragOver(event: DragEvent): void {
    if (!carriesFiles(event)) return;
    event.preventDefault(); // allows the drop
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
  }
  function onDragLeave(event: DragEvent): void {
    if (!carriesFiles(event)) return;
    depth = Math.max(0, depth - 1);
    if (depth === 0) dragging.value = false;
  }
  function onDrop(event: DragEvent): void {
    if (!carriesFiles(event)) return;
    event.preventDefault(); // otherwise the browser navigates to the file
    depth = 0;
    dragging.value = false;
    const files = Array.from(event.dataTransfer?.files ?? []);
    if (files.length > 0) onFiles(files);
  }

  onMounted(() => {
    window.addEventListener('dragenter', onDragEnter);
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('dragleave', onDragLeave);
    window.addEventListener('drop', onDrop);
  });
  onBeforeUnmount(() => {
    window.removeEventListener('dragenter', onDragEnter);
    window.removeEventListener('dragover', onDragOver);
    window.removeEventListener('dragleave', onDragLeave);
    window.removeEventListener('drop', onDrop);
  });

  return { dragging };
}
