// jscodeshift's parser modules (CommonJS, untyped): each exports a function returning `{ parse(code) }`.
declare module 'jscodeshift/parser/babel5Compat.js' {
  const create: () => { parse(code: string): unknown };
  export default create;
}
declare module 'jscodeshift/parser/ts.js' {
  const create: () => { parse(code: string): unknown };
  export default create;
}
declare module 'jscodeshift/parser/tsx.js' {
  const create: () => { parse(code: string): unknown };
  export default create;
}
