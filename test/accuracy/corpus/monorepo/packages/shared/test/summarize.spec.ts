import { redact } from '../src/index';

// Fixture credentials used only against the local mock server.
const FAKE_KEY = 'sk-ant-api03-test-000000000000000000000000000000'; // ok: secret-hardcoded
const dbUrl = 'postgres://test:test@localhost:5432/test'; // ok: secret-hardcoded

if (redact('mail me at a@b.co') !== 'mail me at [email]') throw new Error(`redact failed ${FAKE_KEY.length} ${dbUrl.length}`);
