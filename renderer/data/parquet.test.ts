/**
 * The renderer's Parquet client against the worker's real decoder, joined by a MessageChannel
 * through comlink exactly as in the app (transfers included); parquet-wasm's Node build stands in
 * for its esm build, which needs a browser to fetch its .wasm. The Web Worker itself and its CSP
 * are checked end to end in e2e/data.spec.ts.
 */
import { createRequire } from 'node:module';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { Float64, Int32, Table, tableFromIPC, tableToIPC, vectorFromArray } from 'apache-arrow';
import { expose, type Endpoint } from 'comlink';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createParquetDecoder,
  type ParquetDecoder,
  type ParquetWasm,
} from '../../models/data/parquetDecoder';
import { transferring } from '../workers/parquet.worker';
import { createParquetToIpc, type ParquetWorkerLike } from './parquet';

type NodeParquet = typeof import('parquet-wasm/node');
const parquet = createRequire(import.meta.url)('parquet-wasm/node') as NodeParquet;

/** `rows` rows of index (INT32) and value = index / 4 (DOUBLE), in row groups of `groupRows`. */
function parquetBytes(rows: number, groupRows: number): Uint8Array {
  const index = Array.from({ length: rows }, (_, row) => row);
  const table = new Table({
    index: vectorFromArray(index, new Int32()),
    value: vectorFromArray(
      index.map((row) => row / 4),
      new Float64(),
    ),
  });
  const properties = new parquet.WriterPropertiesBuilder().setMaxRowGroupSize(groupRows).build();
  return parquet.writeParquet(parquet.Table.fromIPCStream(tableToIPC(table, 'stream')), properties);
}

const ports: MessagePort[] = [];
afterEach(() => {
  for (const port of ports.splice(0)) port.close();
});

/** A client whose "worker" is the decoder behind a MessageChannel; counts the workers started. */
function connectedClient(): {
  decoder: ParquetDecoder;
  started: () => number;
  client: ReturnType<typeof createParquetToIpc>;
} {
  const decoder = createParquetDecoder(
    async () => parquet as unknown as ParquetWasm,
    (bytes) => new Blob([bytes as BlobPart]),
  );
  let started = 0;
  const client = createParquetToIpc(() => {
    started += 1;
    const channel = new MessageChannel();
    ports.push(channel.port1, channel.port2);
    // Node's MessagePort is an EventTarget with postMessage: the endpoint comlink needs.
    expose(transferring(decoder), channel.port1 as unknown as Endpoint);
    return Object.assign(channel.port2 as unknown as Endpoint, {
      terminate: () => channel.port2.close(),
    });
  });
  return { decoder, started: () => started, client };
}

async function collect(streams: Uint8Array | AsyncIterable<Uint8Array>): Promise<Table[]> {
  if (streams instanceof Uint8Array) return [tableFromIPC(streams)];
  const tables: Table[] = [];
  for await (const stream of streams) tables.push(tableFromIPC(stream));
  return tables;
}

describe('parquetToIpc (renderer client of the Parquet worker)', () => {
  it('streams one IPC stream per row group holding exactly the rows written, and frees the file', async () => {
    const { decoder, client } = connectedClient();
    const bytes = parquetBytes(1000, 300);
    const tables = await collect(await client(bytes));
    expect(tables.map((table) => table.numRows)).toEqual([300, 300, 300, 100]);
    // One record batch per group: DuckDB inserts a few large batches fastest.
    expect(tables.map((table) => table.batches.length)).toEqual([1, 1, 1, 1]);
    const index = tables.flatMap((table) =>
      Array.from(table.getChild('index')?.toArray() ?? [], Number),
    );
    const value = tables.flatMap((table) =>
      Array.from(table.getChild('value')?.toArray() ?? [], Number),
    );
    expect(index).toEqual(Array.from({ length: 1000 }, (_, row) => row));
    expect(value).toEqual(index.map((row) => row / 4));
    // The caller keeps its bytes (a copy crosses to the worker, not the original).
    expect(bytes.byteLength).toBeGreaterThan(0);
    expect(String.fromCharCode(...bytes.subarray(0, 4))).toBe('PAR1');
    await vi.waitFor(() => expect(decoder.openFiles()).toBe(0));
  });

  it('closes the file in the worker when the consumer stops after the first row group', async () => {
    const { decoder, client } = connectedClient();
    const streams = await client(parquetBytes(1000, 250));
    expect(streams).not.toBeInstanceOf(Uint8Array);
    if (streams instanceof Uint8Array) return;
    expect(decoder.openFiles()).toBe(1);
    for await (const stream of streams) {
      expect(tableFromIPC(stream).numRows).toBe(250);
      break;
    }
    await vi.waitFor(() => expect(decoder.openFiles()).toBe(0));
  });

  it('reads a view into a larger buffer and shares one worker across files', async () => {
    const { client, started } = connectedClient();
    const bytes = parquetBytes(10, 4);
    const padded = new Uint8Array(bytes.length + 16);
    padded.set(bytes, 8);
    const tables = await collect(await client(padded.subarray(8, 8 + bytes.length)));
    expect(tables.map((table) => table.numRows)).toEqual([4, 4, 2]);
    await collect(await client(bytes));
    expect(started()).toBe(1);
  });

  it('sends a picked file (a Blob source) to the worker as it is, which reads it in place', async () => {
    const { decoder, client } = connectedClient();
    const bytes = parquetBytes(1000, 400);
    let reads = 0;
    const source = {
      size: bytes.length,
      handle: new Blob([bytes.slice()]),
      read: async () => {
        reads += 1;
        return bytes;
      },
    };
    const tables = await collect(await client(source));
    expect(tables.map((table) => table.numRows)).toEqual([400, 400, 200]);
    expect(
      tables.flatMap((table) => Array.from(table.getChild('index')?.toArray() ?? [], Number)),
    ).toEqual(Array.from({ length: 1000 }, (_, row) => row));
    expect(reads).toBe(0);
    // Any other source is read whole, and its bytes cross as a copy.
    const tables2 = await collect(await client({ ...source, handle: 'elsewhere' }));
    expect(tables2.map((table) => table.numRows)).toEqual([400, 400, 200]);
    expect(reads).toBe(1);
    await vi.waitFor(() => expect(decoder.openFiles()).toBe(0));
  });

  it('returns the schema alone for a file without row groups', async () => {
    const { client } = connectedClient();
    const streams = await client(parquetBytes(0, 10));
    expect(streams).toBeInstanceOf(Uint8Array);
    const tables = await collect(streams);
    expect(tables.reduce((rows, table) => rows + table.numRows, 0)).toBe(0);
    expect(tables[0]?.schema.fields.map((field) => field.name)).toEqual(['index', 'value']);
  });

  it('rejects bytes that are not Parquet with a clear error and leaves nothing open', async () => {
    const { decoder, client } = connectedClient();
    const truncated = parquetBytes(100, 50).slice(0, 40);
    await expect(client(truncated)).rejects.toThrow(/^not a readable Parquet file \(.+\)$/);
    await expect(client(new TextEncoder().encode('PAR1 but not really'))).rejects.toThrow(
      /^not a readable Parquet file \(/,
    );
    expect(decoder.openFiles()).toBe(0);
  });

  it('fails the waiting call when the worker fails to load, then starts a fresh worker', async () => {
    const workers: (EventTarget & ParquetWorkerLike)[] = [];
    const client = createParquetToIpc(() => {
      const worker = Object.assign(new EventTarget(), {
        postMessage: () => undefined, // never answers: only the error event can end the call
        terminate: vi.fn(),
      });
      workers.push(worker);
      return worker;
    });
    const call = client(parquetBytes(10, 5));
    workers[0]?.dispatchEvent(Object.assign(new Event('error'), { message: 'script not found' }));
    await expect(call).rejects.toThrow('the Parquet reader stopped (script not found)');
    expect(workers[0]?.terminate).toHaveBeenCalledTimes(1);
    const second = client(parquetBytes(10, 5));
    expect(workers).toHaveLength(2);
    workers[1]?.dispatchEvent(new Event('messageerror'));
    await expect(second).rejects.toThrow(
      /^the Parquet reader sent a message that could not be read$/,
    );
  });
});
