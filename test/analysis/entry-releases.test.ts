import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { outdent } from 'outdent';
import { describe, expect, it } from 'vitest';
import { classifyFieldUses, entryVerdict, isFreshKey } from '../../src/analysis/entry-releases.js';
import {
  abandonPaths,
  fileOwners,
  reconnects,
  teardownMethods,
  type OwnerIndex,
} from '../../src/analysis/long-lived-owners.js';
import { findNode, withSourceCode } from './parse.js';

function firstOwner<T>(code: string, use: (sourceCode: TSESLint.SourceCode, index: OwnerIndex) => T): T {
  return withSourceCode(code, (sourceCode) => {
    const index = [...fileOwners(sourceCode).owners.values()].find((owner) => owner.fields.size > 0);
    if (!index) throw new Error('no owner');
    return use(sourceCode, index);
  });
}

/** What the uses of field `key` are, in short. */
function usesOf(code: string, key: string) {
  return firstOwner(code, (sourceCode, index) => {
    const field = index.fields.get(key);
    if (!field) throw new Error(`no field ${key}`);
    const uses = classifyFieldUses(sourceCode, index, field);
    const text = (node: TSESTree.Node) => sourceCode.getText(node);
    return {
      kind: uses.kind,
      growth: uses.growth.map((site) => text(site.node)),
      nestedGrowth: uses.nestedGrowth.map((site) => text(site.node)),
      releases: uses.releases.map((release) => `${release.kind}: ${text(release.node)}`),
      nestedReleases: uses.nestedReleases.map((release) => `${release.kind}: ${text(release.node)}`),
      escapes: uses.escapes,
    };
  });
}

/** The verdict for the first growth site of field `key`. */
function verdictOf(code: string, key: string, fresh = false) {
  return firstOwner(code, (sourceCode, index) => {
    const field = index.fields.get(key);
    if (!field) throw new Error(`no field ${key}`);
    const uses = classifyFieldUses(sourceCode, index, field);
    const site = uses.growth[0];
    if (!site) throw new Error('no growth');
    const verdict = entryVerdict(
      index,
      site,
      uses,
      {
        teardown: teardownMethods(sourceCode, index),
        abandon: abandonPaths(sourceCode, index),
        reconnects: reconnects(index),
      },
      fresh,
    );
    if (verdict.bounded) return 'bounded';
    if (verdict.reason === 'teardown') return `teardown: ${verdict.teardown}`;
    if (verdict.reason === 'abandoned') return `abandoned: ${verdict.path}`;
    if (verdict.reason === 'entries-kept') return `entries kept: ${sourceCode.getText(verdict.release.node)}`;
    return 'none';
  });
}

describe('classifyFieldUses', () => {
  it('tells initialisation, growth, nested growth, releases and escapes apart', () => {
    const code = outdent`
      class Rooms {
        constructor() { this.byRoom = {}; }
        join(room, id) {
          this.byRoom[room] = this.byRoom[room] || [];
          this.byRoom[room].push(id);
        }
        leave(room, id) { this.byRoom[room].splice(this.byRoom[room].indexOf(id), 1); }
        close() { this.byRoom = {}; }
      }
    `;
    expect(usesOf(code, 'byRoom')).toEqual({
      kind: 'object',
      growth: ['this.byRoom[room] = this.byRoom[room] || []'],
      nestedGrowth: ['this.byRoom[room].push(id)'],
      releases: ['reset: this.byRoom = {}'],
      nestedReleases: ['element: this.byRoom[room].splice(this.byRoom[room].indexOf(id), 1)'],
      escapes: false,
    });
  });

  it('reads lazy initialisation, filters and deletes by key', () => {
    const code = outdent`
      function Bag() {}
      Bag.prototype.put = function (k, v) { this.items = this.items || {}; this.items[k] = v; };
      Bag.prototype.drop = function (k) { delete this.items[k]; };
      Bag.prototype.prune = function (v) { this.list = this.list.filter((x) => x !== v); };
      Bag.prototype.init = function () { this.list = []; };
      Bag.prototype.add = function (v) { this.list.push(v); };
    `;
    expect(usesOf(code, 'items')).toMatchObject({
      kind: 'object',
      growth: ['this.items[k] = v'],
      releases: ['entry: delete this.items[k]'],
    });
    expect(usesOf(code, 'list')).toMatchObject({
      kind: 'array',
      growth: ['this.list.push(v)'],
      releases: ['element: this.list = this.list.filter((x) => x !== v)'],
    });
  });

  it('gives up on a field handed to unknown code, or on the same key used through another variable', () => {
    expect(
      usesOf(`class A { constructor() { this.q = []; } add(x) { this.q.push(x); drain(this.q); } }`, 'q').escapes,
    ).toBe(true);
    expect(
      usesOf(
        outdent`
          class A { constructor() { this.q = []; } add(x) { this.q.push(x); } }
          function run(a) { a.q.shift(); }
        `,
        'q',
      ).escapes,
    ).toBe(true);
  });
});

describe('entryVerdict', () => {
  it('a removal per entry bounds the growth', () => {
    expect(
      verdictOf(
        `class S { constructor(srv) { this.all = new Set(); srv.on('connection', (s) => { this.all.add(s); s.on('close', () => this.all.delete(s)); }); } }`,
        'all',
      ),
    ).toBe('bounded');
  });

  it('a clear in the teardown bounds nothing', () => {
    expect(
      verdictOf(
        `class S { constructor(srv) { this.all = new Set(); srv.on('connection', (s) => this.all.add(s)); } close() { this.all.clear(); } }`,
        'all',
      ),
    ).toBe('teardown: `close()`');
  });

  it('a fixed key deleted is a different entry', () => {
    expect(
      verdictOf(
        `class S { constructor() { this.m = {}; } on(k, v) { this.m[k] = v; } reset() { delete this.m.main; } }`,
        'm',
      ),
    ).toBe('none');
  });

  it('emptied entries keep their keys', () => {
    expect(
      verdictOf(
        `class S { constructor() { this.rooms = {}; } onJoin(r, id) { this.rooms[r] = []; this.rooms[r].push(id); } onLeave(r, id) { this.rooms[r].splice(0, 1); } }`,
        'rooms',
      ),
    ).toBe('entries kept: this.rooms[r].splice(0, 1)');
  });

  it('pending entries removed on reply only are left by the close path', () => {
    const code = outdent`
      class C {
        constructor(sock) { this.pending = {}; this.id = 0; sock.on('close', () => { this.up = false; }); }
        connect() { this.up = true; }
        send(cb) { const id = this.id++; this.pending[id] = cb; }
        onReply(m) { delete this.pending[m.id]; }
      }
    `;
    expect(verdictOf(code, 'pending', true)).toBe('abandoned: the `close` listener at line 2');
    expect(verdictOf(code.replace('this.up = false;', 'this.pending = {};'), 'pending', true)).toBe('bounded');
    // A key the callers choose: no pending-request bookkeeping to check.
    expect(verdictOf(code, 'pending', false)).toBe('bounded');
    // An owner that cannot connect again dies with its connection, and its pending entries with it.
    expect(verdictOf(code.replace('connect() {', 'start() {'), 'pending', true)).toBe('bounded');
    // A timeout set beside the growth removes the entry on every path.
    expect(
      verdictOf(
        code.replace(
          'this.pending[id] = cb; }',
          'const t = setTimeout(() => { delete this.pending[id]; }, 10); this.pending[id] = cb; }',
        ),
        'pending',
        true,
      ),
    ).toBe('bounded');
  });
});

describe('isFreshKey', () => {
  it("follows a counter through a variable and a parameter of the owner's own method", () => {
    const code = outdent`
      class C {
        constructor() { this.pending = {}; }
        send(cb) { const id = this.seq++; this.register(id, cb); }
        register(id, cb) { this.pending[id] = cb; }
        put(name, cb) { this.pending[name] = cb; }
      }
    `;
    const fresh = (marker: string) =>
      firstOwner(code, (sourceCode, index) => {
        const assignment = findNode(sourceCode, marker, 'AssignmentExpression') as TSESTree.AssignmentExpression;
        return isFreshKey(sourceCode, index, (assignment.left as TSESTree.MemberExpression).property);
      });
    expect(fresh('this.pending[id] = cb')).toBe(true);
    expect(fresh('this.pending[name] = cb')).toBe(false);
  });
});
