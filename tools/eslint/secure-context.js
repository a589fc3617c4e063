/**
 * Browser APIs that exist only in secure contexts (HTTPS, or localhost). A room's server is
 * reached over plain HTTP on its local network, where these are missing and a bare call throws;
 * the tests on 127.0.0.1 would not notice, since Chromium counts it as secure. Code that runs in
 * the browser reaches them only through client/src/lib/secure-context/, one helper per need with
 * a fallback that works over plain HTTP.
 */
const HELPERS = 'client/src/lib/secure-context/';
const NO_HELPER = `No helper yet: write one with a plain-HTTP fallback in ${HELPERS}`;
const why = (api, instead) => `${api} exists only over HTTPS or on localhost, not over a room's plain HTTP. ${instead}.`;

/** Members of `crypto` and `navigator` (also as `window.navigator.x`, `navigator['x']` or destructured). */
const MEMBERS = [
  ['crypto', 'randomUUID', `Use randomId() from ${HELPERS}random-id.ts`],
  ['crypto', 'subtle', `Hash or sign on the server, or write a helper with a plain-HTTP fallback in ${HELPERS}`],
  ['navigator', 'clipboard', `Use copyFieldText() from ${HELPERS}clipboard.ts`],
  ['navigator', 'serviceWorker', `Use registerServiceWorker() from ${HELPERS}service-worker.ts`],
  ...['share', 'canShare', 'wakeLock', 'storage', 'locks', 'credentials', 'mediaDevices', 'geolocation'].map((name) => [
    'navigator',
    name,
    NO_HELPER,
  ]),
];

/** Globals that exist only in secure contexts. */
const GLOBALS = ['Notification', 'caches', 'PushManager'];

const key = (name) => `:matches([name='${name}'], [value='${name}'])`;
const owner = (object) => `:matches([name='${object}'], [property.name='${object}'])`;

const memberSelectors = MEMBERS.flatMap(([object, name, instead]) => {
  const message = why(`${object}.${name}`, instead);
  return [
    { selector: `MemberExpression:has(> .object${owner(object)}):has(> .property${key(name)})`, message },
    { selector: `VariableDeclarator:has(> .init${owner(object)}) > ObjectPattern > Property:has(> .key${key(name)})`, message },
  ];
});

/** Every file bundled into the browser; the helpers themselves are the one place allowed. */
export const secureContextRules = {
  files: ['client/src/**/*.{ts,tsx}', 'shared/src/**/*.ts'],
  ignores: [`${HELPERS}**`],
  rules: {
    'no-restricted-syntax': ['error', ...memberSelectors],
    'no-restricted-globals': [
      'error',
      ...GLOBALS.map((name) => ({ name, message: why(name, NO_HELPER) })),
    ],
  },
};
