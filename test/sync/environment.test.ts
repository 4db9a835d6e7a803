// Where a key may be sent: https anywhere, http only to loopback.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateFile } from '../../core/src/validation';
import { checkEnvironment, list, SyncError } from '../../sync/src/index';

describe('environments', () => {
  const env = (baseUrl: string) => ({ name: 'prod', vendor: 'vapi' as const, baseUrl });

  it('accepts https and loopback http, and trims the trailing slash', () => {
    assert.equal(checkEnvironment(env('https://api.vapi.ai/')), 'https://api.vapi.ai');
    assert.equal(checkEnvironment(env('http://127.0.0.1:8080')), 'http://127.0.0.1:8080');
    assert.equal(checkEnvironment(env('http://127.4.5.6')), 'http://127.4.5.6');
    assert.equal(checkEnvironment(env('http://localhost:3000/api/v1')), 'http://localhost:3000/api/v1');
    assert.equal(checkEnvironment(env('http://[::1]:3000')), 'http://[::1]:3000');
  });

  it('accepts every spelling of loopback the URL parser reads as one, and refuses look-alikes', () => {
    const spellings: [string, string][] = [
      ['http://127.1:8080', 'http://127.0.0.1:8080'],
      ['http://2130706433', 'http://127.0.0.1'],
      ['http://0x7f000001', 'http://127.0.0.1'],
      ['http://0177.0.0.1', 'http://127.0.0.1'],
      ['http://127.0.0.1.', 'http://127.0.0.1'],
      ['http://LOCALHOST:3000', 'http://localhost:3000'],
      ['http://[0:0:0:0:0:0:0:1]', 'http://[::1]'],
      ['http://127.255.255.254', 'http://127.255.255.254'],
    ];
    for (const [url, checked] of spellings) assert.equal(checkEnvironment(env(url)), checked, url);
    for (const url of ['http://api.localhost', 'http://127.0.0.1.nip.io', 'http://128.0.0.1', 'http://0.0.0.0', 'http://[::]']) {
      assert.throws(() => checkEnvironment(env(url)), /refusing to send an API key over plain http/, url);
    }
    // A loopback name in the credentials or after a # is no loopback host.
    for (const url of ['http://localhost@evil.example', 'http://127.0.0.1:80@evil.example', 'http://evil.example#@127.0.0.1']) {
      assert.throws(() => checkEnvironment(env(url)), /must not contain credentials, a query string or a fragment/, url);
    }
  });

  it('refuses plain http to any other host, before any request', async () => {
    assert.throws(() => checkEnvironment(env('http://api.vapi.ai')), (error: SyncError) => {
      assert.equal(error.kind, 'config');
      assert.equal(
        error.message,
        "Environment 'prod': refusing to send an API key over plain http to api.vapi.ai. Use https (http is allowed only for 127.0.0.1, ::1 and localhost).",
      );
      return true;
    });
    assert.throws(() => checkEnvironment(env('http://127.0.0.1.evil.example')), /refusing to send an API key over plain http/);
    await assert.rejects(list({ env: env('http://10.0.0.5'), apiKey: 'k', workspaceRoot: '/tmp', validate: validateFile }), (error: SyncError) => error.kind === 'config');
  });

  it('refuses URLs with credentials, queries, other schemes or no sense', () => {
    assert.throws(() => checkEnvironment(env('https://user:pw@api.vapi.ai')), /must not contain credentials, a query string or a fragment/);
    assert.throws(() => checkEnvironment(env('https://api.vapi.ai?api_key=x')), /must not contain credentials, a query string or a fragment/);
    assert.throws(() => checkEnvironment(env('ftp://api.vapi.ai')), /must be https \(got ftp:\)/);
    assert.throws(() => checkEnvironment(env('not a url')), /is not a valid URL/);
  });

  it('needs a key', async () => {
    await assert.rejects(list({ env: env('https://api.vapi.ai'), apiKey: '', workspaceRoot: '/tmp', validate: validateFile }), (error: SyncError) => {
      assert.equal(error.kind, 'auth');
      assert.equal(error.message, "No API key for environment 'prod'. Set one before syncing.");
      return true;
    });
  });
});
