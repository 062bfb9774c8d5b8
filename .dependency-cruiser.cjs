// Architecture rules, checked by `npm run lint` and so by CI: a violation fails the build.
// docs/architecture/boundaries.md says the same in plain language. Each rule's comment says why;
// fix the import rather than adding an exception, and write the reason beside any exception.

// Bounded contexts: libraries that own a slice of the business (deciders, commands, read models).
// The one list every context rule reads: add a context here when its library is created.
const CONTEXTS = ['custody', 'participants', 'personal-data', 'waivers', 'pay', 'rosters', 'disputes', 'claims'];
const CONTEXT = `(${CONTEXTS.join('|')})`;

// Every library but the contexts and these three is infrastructure (eventstore, readstore,
// projections, shared today): plumbing every context and app may use, and which knows no context.
const NOT_INFRASTRUCTURE = [...CONTEXTS, 'kernel', 'testing', 'catalog'];
const INFRASTRUCTURE = `^libs/(?!(${NOT_INFRASTRUCTURE.join('|')})/)[^/]+/`;

// Everything of ours, as paths relative to the repository root.
const OURS = '^(libs|apps|src|bench|test|scripts)/';
const SPEC = '\\.spec\\.ts$';
// Node's built-in modules a pure module may use: they compute and touch nothing outside.
const PURE_BUILTINS = '^(node:)?util$';
// Every way a package from node_modules is classified (type-only imports included).
const PACKAGES = ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-bundled', 'npm-no-pkg', 'npm-unknown'];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    // --- The domain and the kernel are pure ---------------------------------------------------
    {
      name: 'domain-imports-only-kernel-and-itself',
      comment:
        "A context's domain/ (deciders, events, refusals) is pure logic, tested without servers " +
        'and replayed identically: it imports the kernel, its own domain files, and in specs the ' +
        'testing library; not its own commands or read models, nor any other library.',
      severity: 'error',
      from: { path: `^libs/${CONTEXT}/src/domain/` },
      to: { path: OURS, pathNot: ['^libs/$1/src/domain/', '^libs/kernel/src/', '^libs/testing/src/'] },
    },
    {
      name: 'domain-imports-no-package',
      comment: 'No framework, driver or client (Nest, the event store and MongoDB clients, validation, logging) in the domain: they belong to the edge that calls it.',
      severity: 'error',
      from: { path: `^libs/${CONTEXT}/src/domain/` },
      // fast-check: the domain's property-based specs generate commands with it (a dev dependency).
      // immutable: persistent collections, pure data structures with no I/O (a pay ledger's accruals).
      to: { dependencyTypes: PACKAGES, pathNot: ['^node_modules/fast-check/', '^node_modules/immutable/'] },
    },
    {
      name: 'domain-imports-no-io-builtin',
      comment: "Node's I/O modules (fs, net, http, crypto's randomness...) are effects: the edge resolves them and passes the result on the command.",
      severity: 'error',
      from: { path: `^libs/${CONTEXT}/src/domain/` },
      to: { dependencyTypes: ['core'], pathNot: PURE_BUILTINS },
    },
    {
      name: 'kernel-imports-nothing-of-ours',
      comment:
        'The kernel is the vocabulary every context is written in (decider, domain event, refusal, ' +
        'schema version, personal-data envelope). It depends on no library, so a context that uses ' +
        'it pulls in no other context and no infrastructure.',
      severity: 'error',
      from: { path: '^libs/kernel/' },
      to: { path: OURS, pathNot: '^libs/kernel/' },
    },
    {
      name: 'kernel-imports-no-package-or-io',
      comment: 'No framework, driver or I/O in the kernel, for the same reason as in the domain it serves.',
      severity: 'error',
      from: { path: '^libs/kernel/' },
      to: { dependencyTypes: [...PACKAGES, 'core'], pathNot: PURE_BUILTINS },
    },

    // --- Contexts meet only through their index.ts ---------------------------------------------
    {
      name: 'contexts-meet-only-through-index',
      comment:
        'A context is entered only through its index.ts (its published definition and ports), so it ' +
        'can change its insides without breaking anyone. Applies to other contexts, the catalogue, ' +
        'apps and the all-in-one. bench/ and test/ are exempt: they exercise read models and ' +
        "fixtures directly. ($1 is the importer's own library, which uses its own insides freely.)",
      severity: 'error',
      from: { path: '^(?:libs/([^/]+)|apps|src)/' },
      to: { path: `^libs/${CONTEXT}/src/`, pathNot: ['^libs/$1/', `^libs/${CONTEXT}/src/index\\.ts$`] },
    },
    {
      name: 'infrastructure-knows-no-context',
      comment:
        'Infrastructure (event store, read store, projection runtime, shared plumbing) sits below ' +
        'the contexts and serves all of them; a context-specific import would make it serve one. ' +
        'Deep imports between and into infrastructure libraries are allowed: their subfolders ' +
        '(shared/auth, shared/http, eventstore/embedded...) are separate tools kept out of the ' +
        'index on purpose, so an app loads the embedded servers only when it launches them.',
      severity: 'error',
      from: { path: INFRASTRUCTURE },
      to: { path: `^libs/(${CONTEXTS.join('|')}|catalog)/` },
    },
    {
      name: 'only-composition-imports-the-catalogue',
      comment:
        'libs/catalog lists every context (its projections, later its modules and reactions) for ' +
        'the apps to run. A context or an infrastructure library importing it would depend on all ' +
        'contexts, its neighbours included.',
      severity: 'error',
      from: { path: '^libs/', pathNot: '^libs/catalog/' },
      to: { path: '^libs/catalog/' },
    },
    {
      name: 'no-cycle-between-libraries',
      comment: 'Libraries form layers (kernel, infrastructure, contexts, catalogue); a cycle between two makes them one.',
      severity: 'error',
      from: { path: '^libs/([^/]+)/' },
      to: { path: '^libs/', pathNot: '^libs/$1/', circular: true },
    },

    // --- Libraries and apps ------------------------------------------------------------------------
    {
      name: 'libraries-never-import-apps',
      comment: 'Libraries are the parts; apps (api, projector, cli), the all-in-one (src/) and the benches are the assemblies. A part that knows an assembly cannot be used by another one.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^(apps|src|bench)/' },
    },
    {
      name: 'apps-never-import-apps',
      comment: 'Each app is deployed alone; what two apps share belongs in a library (as the projection catalogue is, in libs/catalog).',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^(apps|src)/', pathNot: '^apps/$1/' },
    },
    {
      name: 'all-in-one-uses-apps-entry-points-only',
      comment:
        'src/ runs the api and the projector in one process. It uses what each app offers for that ' +
        "(its Nest module, the api's HTTP setup, the projector's thread) and nothing deeper, so the " +
        'apps stay free to rearrange their insides.',
      severity: 'error',
      from: { path: '^src/' },
      to: {
        path: '^apps/',
        pathNot: ['^apps/[^/]+/src/[^/]+\\.module\\.ts$', '^apps/api/src/http-app\\.ts$', '^apps/projector/src/thread/projector-thread\\.ts$'],
      },
    },
    {
      name: 'bench-imports-no-app',
      comment:
        'Benches start the built processes (dist/) as an operator would, and measure libraries ' +
        "directly; an app's internals are not a stable thing to measure. test/ may import apps: " +
        'its e2e and int suites test the apps, some by a single piece (the rate limits, the verifier).',
      severity: 'error',
      from: { path: '^bench/' },
      to: { path: '^apps/' },
    },

    // --- Tests stay out of production code -----------------------------------------------------------
    {
      name: 'testing-library-only-in-tests',
      comment: 'libs/testing holds spec helpers (the decider specification, recorded histories): production code never ships them; specs and their fixtures use them.',
      severity: 'error',
      from: { pathNot: [SPEC, '\\.fixtures\\.ts$', '^test/', '^libs/testing/'] },
      to: { path: '^libs/testing/' },
    },
    {
      name: 'production-code-imports-no-tests',
      comment:
        'Specs are not compiled into dist/ and test/ support is not part of any app: production ' +
        'code importing them breaks at run time or ships test scaffolding. (bench/ may: it reuses ' +
        "test/support's process launcher.)",
      severity: 'error',
      from: { path: '^(libs|apps|src)/', pathNot: [SPEC, '^libs/testing/'] },
      to: { path: [SPEC, '^test/'] },
    },
    {
      name: 'no-unresolvable-import',
      comment: 'An import that resolves to nothing is a typo, a missing dependency, or a path alias missing from tsconfig.json.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Only dist/: excluding node_modules would also drop every import of a package from the graph.
    exclude: { path: '^dist/' },
    // Type-only imports count: a domain that names a Nest type still depends on Nest.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.d.ts', '.js', '.json'],
    },
    // Unchanged files are not re-parsed between runs (a 2-core machine); CI starts without it.
    cache: { folder: 'node_modules/.cache/dependency-cruiser', strategy: 'metadata' },
  },
};
