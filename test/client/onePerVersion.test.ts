import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { OnePerVersion } from '../../client/src/symbols/onePerVersion';

/** An asker that counts its calls and answers what `answers` holds for each call, in turn. */
function asker<T>(...answers: (T | null | Error)[]) {
  let calls = 0;
  const ask = async () => {
    const answer = answers[Math.min(calls++, answers.length - 1)];
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return { ask, calls: () => calls };
}

describe('one answer per document version', () => {
  test('two asks for a version, at once or after: one request, the same answer', async () => {
    const cache = new OnePerVersion<string[]>();
    const { ask, calls } = asker(['a', 'b']);
    const [first, second] = await Promise.all([cache.get('doc', 3, ask), cache.get('doc', 3, ask)]);
    assert.equal(calls(), 1);
    assert.equal(first, second);
    assert.equal(await cache.get('doc', 3, ask), first);
    assert.equal(calls(), 1);
  });

  test('a new version is asked again; other documents are held apart', async () => {
    const cache = new OnePerVersion<string>();
    const { ask, calls } = asker('v3', 'v4', 'other');
    assert.equal(await cache.get('doc', 3, ask), 'v3');
    assert.equal(await cache.get('doc', 4, ask), 'v4');
    assert.equal(await cache.get('other', 1, ask), 'other');
    assert.equal(await cache.get('doc', 4, ask), 'v4');
    assert.equal(calls(), 3);
  });

  test('nothing (a cancelled request) or a failure is not shared: the next ask asks again', async () => {
    const cache = new OnePerVersion<string>();
    const cancelled = asker<string>(null, 'after cancel');
    const [first, second] = await Promise.all([cache.get('doc', 1, cancelled.ask), cache.get('doc', 1, cancelled.ask)]);
    assert.equal(first, null);
    assert.equal(second, 'after cancel', 'the one waiting asks for itself');
    assert.equal(cancelled.calls(), 2);

    const failing = asker<string>(new Error('server gone'), 'retried');
    await assert.rejects(cache.get('doc', 2, failing.ask), /server gone/);
    assert.equal(await cache.get('doc', 2, failing.ask), 'retried');
  });

  test('a closed document is forgotten', async () => {
    const cache = new OnePerVersion<string>();
    const { ask, calls } = asker('one', 'two');
    await cache.get('doc', 1, ask);
    cache.forget('doc');
    assert.equal(await cache.get('doc', 1, ask), 'two');
    assert.equal(calls(), 2);
  });
});
