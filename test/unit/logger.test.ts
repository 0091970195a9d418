import { Writable } from 'node:stream';
import { createLogger } from '../../src/logger';

function capture(redactContactEmails: boolean) {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: createLogger({ level: 'info', pretty: 'false', redactContactEmails, destination }) };
}

describe('logger', () => {
  it('never writes secrets, wherever they sit', () => {
    const { lines, logger } = capture(false);
    logger.info({ authorization: 'Basic c2VjcmV0', headers: { authorization: 'Bearer pat-1' }, config: { clientSecret: 's3', accessToken: 'pat-2' }, HUBSPOT_ACCESS_TOKEN: 'pat-3' }, 'call');
    const text = JSON.stringify(lines);
    for (const secret of ['c2VjcmV0', 'pat-1', 's3', 'pat-2', 'pat-3']) expect(text).not.toContain(secret);
  });

  it('keeps contact emails unless REDACT_CONTACT_EMAILS is set', () => {
    const { lines, logger } = capture(false);
    logger.info({ email: 'ap@acme.example', notes: 'duplicate of ap@acme.example' }, 'x');
    expect(lines[0]).toMatchObject({ email: 'ap@acme.example', notes: 'duplicate of ap@acme.example' });
  });

  it('with REDACT_CONTACT_EMAILS, redacts email fields and emails quoted in text', () => {
    const { lines, logger } = capture(true);
    logger.info({ email: 'ap@acme.example', notes: 'contact 5: "Bob@Example.org" merged into ap@acme.example', problems: ['bad x@y.de'], companyId: '42' }, 'merged bob@example.org');
    const line = lines[0]!;
    expect(line.email).toBe('[redacted]');
    expect(line.notes).toBe('contact 5: "[redacted email]" merged into [redacted email]');
    expect(line.problems).toEqual(['bad [redacted email]']);
    expect(line.msg).toBe('merged [redacted email]');
    expect(line.companyId).toBe('42');
  });
});
