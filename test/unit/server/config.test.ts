import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/server/config.js';

describe('loadConfig', () => {
  it('works with zero configuration', () => {
    const config = loadConfig({}, '/srv/app');
    expect(config.port).toBe(3000);
    expect(config.dataDir).toBe('/srv/app/data');
    expect(config.database).toEqual({ dialect: 'sqlite', file: '/srv/app/data/specboard.db' });
    expect(config.bodyLimit).toBe(1024 * 1024);
    expect(config.redisUrl).toBeNull();
    expect(config.publicUrl).toBeNull();
    expect(config.trustProxy).toBe(false);
    expect(config.logLevel).toBe('info');
  });

  it('reads every documented variable', () => {
    const config = loadConfig(
      {
        PORT: '8080',
        HOST: '127.0.0.1',
        DATA_DIR: '/var/lib/specboard',
        DATABASE_URL: 'postgres://u@db:5432/specboard',
        REDIS_URL: 'redis://cache:6379',
        LOG_LEVEL: 'DEBUG',
        PUBLIC_URL: 'https://specs.example.com/',
        BODY_LIMIT: '2mb',
        TRUST_PROXY: '10.0.0.0/8, 127.0.0.1',
      },
      '/',
    );
    expect(config.port).toBe(8080);
    expect(config.host).toBe('127.0.0.1');
    expect(config.database).toEqual({ dialect: 'postgres', url: 'postgres://u@db:5432/specboard', poolMax: 10 });
    expect(config.redisUrl).toBe('redis://cache:6379');
    expect(config.logLevel).toBe('debug');
    expect(config.publicUrl).toBe('https://specs.example.com');
    expect(config.bodyLimit).toBe(2 * 1024 * 1024);
    expect(config.trustProxy).toEqual(['10.0.0.0/8', '127.0.0.1']);
  });

  it('accepts sqlite: URLs and trust proxy hop counts', () => {
    const config = loadConfig({ DATABASE_URL: 'sqlite:./x.db', TRUST_PROXY: '2' }, '/tmp');
    expect(config.database).toEqual({ dialect: 'sqlite', file: '/tmp/x.db' });
    expect(config.trustProxy).toBe(2);
  });

  it('lists every invalid variable in one clear error', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'abc',
        DATABASE_URL: 'mysql://x',
        LOG_LEVEL: 'loud',
        PUBLIC_URL: 'https://x.example/path',
        BODY_LIMIT: '1tb',
        REDIS_URL: 'http://x',
        TRUST_PROXY: 'maybe?',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['PORT', 'DATABASE_URL', 'LOG_LEVEL', 'PUBLIC_URL', 'BODY_LIMIT', 'REDIS_URL', 'TRUST_PROXY']) {
      expect(problems).toContain(name);
    }
    expect((error as ConfigError).message).toContain('PORT must be an integer between 0 and 65535 (got "abc")');
  });

  it('documents every variable it reads in docs/configuration.md', () => {
    const source = readFileSync(join(import.meta.dirname, '../../../src/server/config.ts'), 'utf8');
    const docs = readFileSync(join(import.meta.dirname, '../../../docs/configuration.md'), 'utf8');
    const names = [...source.matchAll(/\.(?:string|optionalString|integer|oneOf|optionalUrl|byteSize)\('([A-Z_]+)'/g)].map((m) => m[1] ?? '');
    expect(names.length).toBeGreaterThan(15);
    for (const name of new Set(names)) expect(docs, name).toContain(`| \`${name}\` |`);
  });
});
