import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EnvSchema } from '../../../config/env';
import { SETTINGS } from '../../../config/settings-doc';

const root = join(__dirname, '..', '..', '..');

describe('settings documentation', () => {
  const names = Object.keys(EnvSchema.shape);

  it('documents every setting of the schema, and nothing else', () => {
    expect(Object.keys(SETTINGS).sort()).toEqual([...names].sort());
  });

  it.each(['docs/configuration.md', '.env.example'])('%s lists every setting', (file) => {
    const text = readFileSync(join(root, file), 'utf8');
    const missing = names.filter((name) => !text.includes(name));
    expect(missing).toEqual([]);
  });
});
