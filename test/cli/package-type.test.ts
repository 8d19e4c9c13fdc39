import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createModuleKindLookup } from '../../src/cli/package-type.js';
import { makeTree, removeTree } from './temp-tree.js';

describe('createModuleKindLookup', () => {
  let root: string;
  beforeAll(() => {
    root = makeTree({
      'package.json': '{ "type": "module" }\n',
      'src/a.js': '',
      'cjs/package.json': '{ "type": "commonjs" }\n',
      'cjs/deep/b.js': '',
      'none/package.json': '{ "name": "none" }\n',
      'none/c.js': '',
      'odd/package.json': '{ "type": "umd" }\n',
      'broken/package.json': '{ not json',
      'broken/d.js': '',
    });
  });
  afterAll(() => removeTree(root));

  it('reads the nearest package.json "type"', () => {
    const kindOf = createModuleKindLookup();
    expect(kindOf(path.join(root, 'src/a.js'))).toBe('module');
    expect(kindOf(path.join(root, 'cjs/deep/b.js'))).toBe('commonjs');
  });

  it('answers "detect" when the nearest package.json has no valid "type", or cannot be parsed', () => {
    const kindOf = createModuleKindLookup();
    expect(kindOf(path.join(root, 'none/c.js'))).toBe('detect');
    expect(kindOf(path.join(root, 'odd/e.js'))).toBe('detect');
    expect(kindOf(path.join(root, 'broken/d.js'))).toBe('detect');
  });

  it('answers "detect" with no package.json up to the filesystem root', () => {
    expect(createModuleKindLookup()(path.join(path.parse(root).root, 'no-such-dir', 'x.js'))).toBe('detect');
  });
});
