// `npm test` runs every level: unit (pure), int (embedded servers via official clients),
// contract (store semantics) and e2e (HTTP). `npm run test:contract` runs only the contract suites,
// against real servers when EVENTSTORE_CONNECTION_STRING / MONGODB_URI are set.
const { swcOptions } = require('./scripts/swc-options.cjs');
const tsconfig = require('./tsconfig.json');

const moduleNameMapper = {};
for (const [alias, [target]] of Object.entries(tsconfig.compilerOptions.paths)) {
  const from = `^${alias.replace('/*', '/(.*)')}$`;
  moduleNameMapper[from] = `<rootDir>/${target.replace('/*', '/$1')}`;
}

const common = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['@swc/jest', { ...swcOptions, swcrc: false }],
    // ESM-only dependencies (content-disposition 3, under @fastify/static 10 for the /docs UI):
    // Node requires them natively, jest's module system does not, so compile them to CommonJS.
    '/node_modules/(.+/)?content-disposition/.+\\.js$': ['@swc/jest', { module: { type: 'commonjs' }, swcrc: false }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(.+/)?content-disposition/)'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper,
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
};

module.exports = {
  maxWorkers: 2,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{libs,apps,src}/**/*.unit.spec.ts'] },
    { ...common, displayName: 'int', testMatch: ['<rootDir>/{libs,apps,src,test}/**/*.int.spec.ts'] },
    { ...common, displayName: 'contract', testMatch: ['<rootDir>/test/contract/**/*.spec.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e.spec.ts', '<rootDir>/apps/**/*.e2e.spec.ts'] },
  ],
};
