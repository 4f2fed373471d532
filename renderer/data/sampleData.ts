/**
 * The bundled sample export (sample-data/): imported with `?url` so Vite copies the files into the
 * build, and fetched from the app's own origin — works offline and under app://.
 */
import mediaUrl from '../../sample-data/media_daily_long.csv?url';
import kpiUrl from '../../sample-data/kpi_daily.csv?url';
import controlsUrl from '../../sample-data/controls_daily.csv?url';
import type { InputFile } from '../../models/data';

export const SAMPLE_FILES: readonly { name: string; url: string }[] = [
  { name: 'media_daily_long.csv', url: mediaUrl },
  { name: 'kpi_daily.csv', url: kpiUrl },
  { name: 'controls_daily.csv', url: controlsUrl },
];

export async function fetchSampleFiles(): Promise<InputFile[]> {
  return Promise.all(
    SAMPLE_FILES.map(async ({ name, url }) => {
      const response = await fetch(url);
      if (!response.ok)
        throw new Error(`${name}: the bundled sample could not be read (HTTP ${response.status})`);
      return { name, bytes: new Uint8Array(await response.arrayBuffer()) };
    }),
  );
}
