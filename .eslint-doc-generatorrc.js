/** @type {import('eslint-doc-generator').GenerateOptions} */
export default {
  configEmoji: [['all', '🌐']],
  ruleDocTitleFormat: 'prefix-name',
  urlConfigs: 'https://github.com/leakproof/eslint-plugin-leakproof#configs',
};
