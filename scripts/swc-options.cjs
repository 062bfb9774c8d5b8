// One SWC configuration for the build (scripts/build.mjs) and for jest (@swc/jest), so code
// under test is compiled exactly like code that ships. Path aliases come from tsconfig.json.
const path = require('node:path');
const tsconfig = require('../tsconfig.json');

const root = path.resolve(__dirname, '..');

module.exports = {
  root,
  swcOptions: {
    jsc: {
      parser: { syntax: 'typescript', decorators: true, dynamicImport: true },
      // Nest's dependency injection reads constructor parameter types from decorator metadata.
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
      baseUrl: root,
      paths: tsconfig.compilerOptions.paths,
    },
    module: { type: 'commonjs' },
    sourceMaps: true,
  },
};
