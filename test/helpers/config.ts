/** The problems a configuration error names for this environment; none when it is valid. */
import { ConfigError, parseEnv } from '../../config/env';

export function configProblems(env: Record<string, string | undefined>, needs: Parameters<typeof parseEnv>[1] = []): string[] {
  try {
    parseEnv(env, needs);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}
