import { ConfigError, loadConfig } from './config';

const valid = { DATABASE_URL: 'postgres://u:p@localhost:5432/db', REDIS_URL: 'redis://localhost:6379' };

describe('loadConfig', () => {
  it('loadConfig_whenOnlyRequiredSet_appliesDefaults', () => {
    const config = loadConfig(valid);
    expect(config.PORT).toBe(3000);
    expect(config.EVENT_MAX_ATTEMPTS).toBe(8);
    expect(config.OPS_TOKEN).toBeUndefined();
  });

  it('loadConfig_whenVariablesMissingOrBad_namesEveryProblemInOneError', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', REDIS_URL: 'http://x' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/^DATABASE_URL: .*not set/m);
    expect(problems).toMatch(/^PORT: .*"eighty"/m);
    expect(problems).toMatch(/^REDIS_URL: must be a redis:\/\/ URL/m);
  });

  it('loadConfig_whenSecretIsBad_doesNotEchoIt', () => {
    expect(() => loadConfig({ ...valid, OPS_TOKEN: 'short-secret' })).toThrow(/OPS_TOKEN: .*\(set\)/);
    expect(() => loadConfig({ ...valid, OPS_TOKEN: 'short-secret' })).not.toThrow(/short-secret/);
  });
});
