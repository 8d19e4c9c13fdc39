/** The second opinion on a codemod's output: V8 for JavaScript (jscodeshift's parser where V8 cannot read it). */
import { outdent } from 'outdent';
import { describe, expect, it } from 'vitest';
import { secondOpinion, strictScriptCheck } from '../../src/codemods/parse.js';

describe('strictScriptCheck', () => {
  it("reads an effective 'use strict' after a shebang and comments", () => {
    expect(
      strictScriptCheck(
        outdent`
          #!/usr/bin/env node
          // header
          'use strict';
          main();

        `,
        'cli.js',
      ),
    ).toEqual({
      error: null,
      strictDirective: true,
    });
  });

  it('sees no directive where the string is not the first statement', () => {
    expect(
      strictScriptCheck(
        outdent`
          main();
          'use strict';

        `,
        'a.js',
      ),
    ).toEqual({ error: null, strictDirective: false });
  });

  it('reports a strict-mode error at its line, through jscodeshift’s parser', () => {
    const opinion = strictScriptCheck(
      outdent`
        'use strict';
        function f() {
          return 010;
        }

      `,
      'a.js',
    );
    expect(opinion.strictDirective).toBe(false);
    expect(opinion.error?.line).toBe(3);
  });

  it('takes top-level return, as Node’s CommonJS wrapper does', () => {
    expect(
      strictScriptCheck(
        outdent`
          'use strict';
          if (done) return;
          main();

        `,
        'a.js',
      ).strictDirective,
    ).toBe(true);
  });

  it('leaves JSX, which V8 cannot read, to jscodeshift’s parser', () => {
    const jsx = outdent`
      'use strict';
      const view = <div>{name}</div>;

    `;
    expect(strictScriptCheck(jsx, 'view.js')).toEqual(secondOpinion(jsx, 'view.js'));
    expect(strictScriptCheck(jsx, 'view.js')).toEqual({ error: null, strictDirective: true });
  });

  it('counts CRLF and U+2028 as line breaks when it finds its probe', () => {
    expect(strictScriptCheck("'use strict';\r\nconst s = '\u2028';\r\nmain();", 'a.js').strictDirective).toBe(true);
  });
});
