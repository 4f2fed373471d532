import { describe, expect, it } from 'vitest';
import { answerOneShot, type OneShotReply } from './oneShotWorker';

type Reply = OneShotReply<number, never>;

describe('answerOneShot', () => {
  it("posts a value's result at once, and a thrown error as a failure", () => {
    const replies: Reply[] = [];
    answerOneShot(
      { type: 'run', input: 3 },
      (reply) => replies.push(reply),
      (x: number) => x * 2,
    );
    expect(replies).toEqual([{ type: 'done', result: 6 }]);
    answerOneShot<number, number>(
      { type: 'run', input: 3 },
      (reply) => replies.push(reply),
      () => {
        throw new RangeError('too big');
      },
    );
    expect(replies[1]).toMatchObject({
      type: 'failed',
      error: { name: 'RangeError', message: 'too big' },
    });
  });

  it('posts a promise once it settles, resolved or rejected', async () => {
    const replies: Reply[] = [];
    answerOneShot(
      { type: 'run', input: 4 },
      (reply) => replies.push(reply),
      async (x: number) => x + 1,
    );
    answerOneShot<number, number>(
      { type: 'run', input: 4 },
      (reply) => replies.push(reply),
      () => Promise.reject(new Error('no file')),
    );
    expect(replies).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(replies[0]).toEqual({ type: 'done', result: 5 });
    expect(replies[1]).toMatchObject({ type: 'failed', error: { message: 'no file' } });
  });

  it('ignores a message that is not a run', () => {
    const replies: Reply[] = [];
    answerOneShot(
      { type: 'cancel' } as never,
      (reply: Reply) => replies.push(reply),
      () => 1,
    );
    expect(replies).toEqual([]);
  });
});
