import { describe, expect, it } from '@jest/globals';
import { changesText, outcomeTone } from './audit-labels';

describe('audit labels', () => {
  it('colours outcomes', () => {
    expect(outcomeTone('success')).toBe('success');
    expect(outcomeTone('failure')).toBe('warning');
    expect(outcomeTone('denied')).toBe('danger');
  });

  it('shows changes as indented JSON, nothing for none', () => {
    expect(changesText({ name: { from: 'a', to: 'b' } })).toBe(
      '{\n  "name": {\n    "from": "a",\n    "to": "b"\n  }\n}',
    );
    expect(changesText(null)).toBeNull();
    expect(changesText({})).toBeNull();
  });
});
