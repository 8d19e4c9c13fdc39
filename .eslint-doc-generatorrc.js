/** @type {import('eslint-doc-generator').GenerateOptions} */
export default {
  ignoreConfig: ['all'],
  ruleDocTitleFormat: 'prefix-name',
  urlConfigs: 'https://github.com/leakproof/eslint-plugin-leakproof#configs',
};
