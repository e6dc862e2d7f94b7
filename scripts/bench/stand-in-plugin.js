// TEMPORARY stand-in for dist/src/eslint/plugin.js (testing the bench only).
import parser from '@typescript-eslint/parser';

const rule = {
  meta: { type: 'problem', messages: { missing: 'mutation returns without response.revalidate(...)' }, schema: [] },
  create(context) {
    return {
      "CallExpression[callee.type='MemberExpression'][callee.object.type='Identifier'][callee.object.name='response'][callee.property.name=/^(created|noContent)$/]"(node) {
        context.report({ node, messageId: 'missing' });
      },
    };
  },
};
const plugin = { meta: { name: 'igniter-rt', version: '0.0.0' }, rules: { 'mutation-revalidate': rule }, configs: {} };
plugin.configs.all = { plugins: { 'igniter-rt': plugin }, languageOptions: { parser }, rules: { 'igniter-rt/mutation-revalidate': 'error' } };
export default plugin;
