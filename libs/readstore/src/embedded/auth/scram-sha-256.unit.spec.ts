/** The server side of SCRAM-SHA-256 against RFC 7677's worked example (section 3). */
import { deriveScramUser, ScramConversation, ScramFailure, ScramUser } from './scram-sha-256';

const CLIENT_FIRST = 'n,,n=user,r=rOprNGfwEbeRWgbNEkqO';
const SERVER_NONCE = '%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0';
const CLIENT_FINAL = 'c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=';

let user: ScramUser;
beforeAll(async () => {
  user = await deriveScramUser('admin', { username: 'user', password: 'pencil' }, Buffer.from('W22ZaJ0SNY7soEsUEjb6gQ==', 'base64'), 4096);
});
const start = (clientFirst = CLIENT_FIRST) => ScramConversation.start(clientFirst, (name) => (name === 'user' ? user : undefined), SERVER_NONCE);

it('answers the RFC 7677 exchange byte for byte', () => {
  const conversation = start();
  expect(conversation.serverFirst).toBe('r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096');
  expect(conversation.finish(CLIENT_FINAL)).toBe('v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=');
});

it('refuses a proof made with another password, a replayed nonce and channel binding', () => {
  const wrongProof = CLIENT_FINAL.replace('p=dHzb', 'p=dHzc');
  expect(() => start().finish(wrongProof)).toThrow(ScramFailure);
  expect(() => start().finish(CLIENT_FINAL.replace('k0,p=', 'k1,p='))).toThrow(ScramFailure);
  expect(() => start('p=tls-unique,,n=user,r=rOprNGfwEbeRWgbNEkqO')).toThrow(ScramFailure);
});

it('refuses an unknown user without saying so', () => {
  expect(() => start('n,,n=someone,r=abc')).toThrow(ScramFailure);
});

it('keeps no password: only the salt and the derived keys', () => {
  expect(JSON.stringify(user)).not.toContain('pencil');
  expect(Object.keys(user).sort()).toEqual(['db', 'iterationCount', 'mechanism', 'salt', 'serverKey', 'storedKey', 'user']);
});
