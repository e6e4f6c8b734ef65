import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CodeActionContext, Diagnostic } from 'vscode';
import { withoutRelatedInformation } from '../../client/src/codeActions/lightContext';

// Stand-ins for VS Code's Diagnostic and vscode-languageclient's subclass that carries `data`.
class FakeDiagnostic {
  relatedInformation?: unknown[];
  code?: string;
  constructor(
    public range: { line: number },
    public message: string,
  ) {}
}
class FakeProtocolDiagnostic extends FakeDiagnostic {
  constructor(
    range: { line: number },
    message: string,
    public data: unknown,
  ) {
    super(range, message);
  }
}

const context = (...diagnostics: FakeDiagnostic[]) => ({ diagnostics, triggerKind: 2, only: undefined }) as unknown as CodeActionContext;

describe('code action requests without related information', () => {
  test('a problem listing related places is sent as a copy without them, of the same class, with its data', () => {
    const grouped = new FakeProtocolDiagnostic({ line: 7 }, '1,200 findings', { rule: 'cert/expired', key: 3 });
    grouped.code = 'cert/expired';
    grouped.relatedInformation = Array.from({ length: 200 }, (_, i) => ({ line: 7 + 4 * i }));
    const plain = new FakeProtocolDiagnostic({ line: 9 }, 'personal address', { rule: 'cert/personal-email' });
    const asked = context(grouped, plain);

    const sent = withoutRelatedInformation(asked);
    const [copy, second] = sent.diagnostics as unknown as FakeProtocolDiagnostic[];
    assert.ok(copy instanceof FakeProtocolDiagnostic, 'the class that carries data survives');
    assert.equal(copy.relatedInformation, undefined);
    assert.deepEqual(
      { range: copy.range, message: copy.message, code: copy.code, data: copy.data },
      { range: { line: 7 }, message: '1,200 findings', code: 'cert/expired', data: { rule: 'cert/expired', key: 3 } },
    );
    assert.equal(second, plain, 'a problem without related information is sent as it is');
    assert.equal(sent.triggerKind, asked.triggerKind);
    assert.equal(grouped.relatedInformation.length, 200, 'the problem VS Code holds keeps its list');
  });

  test('a context with no related information anywhere is passed on untouched', () => {
    const asked = context(new FakeDiagnostic({ line: 1 }, 'a'), new FakeDiagnostic({ line: 2 }, 'b'));
    assert.equal(withoutRelatedInformation(asked), asked);
    const empty = context();
    assert.equal(withoutRelatedInformation(empty), empty);
    assert.equal((withoutRelatedInformation(asked).diagnostics as Diagnostic[]).length, 2);
  });
});
