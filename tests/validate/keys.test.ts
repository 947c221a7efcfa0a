/** APIM035: keys a version does not read, with the key it most likely meant (src/validate/keys.ts, src/model/wso2Keys.ts). */
import parseToml from '@iarna/toml/parse-string.js';
import { describe, expect, it } from 'vitest';
import type { ApimKind, KeyListVersion } from '../../src/model/index.ts';
import { KEYS_READ_ELSEWHERE, distributionOf, keyRead, splitKey } from '../../src/model/index.ts';
import { editDistance, keyPaths, unreadKeyDiagnostics, unreadKeys } from '../../src/validate/index.ts';
import { arrayTable, documentUnreadKeys, keyCheckMemo, table } from '../../src/generate/toml/index.ts';

const unread = (toml: string, version: KeyListVersion, kind: ApimKind = 'gateway') =>
  unreadKeys(keyPaths(parseToml(toml) as Record<string, unknown>), version, kind);

describe('which keys a version reads', () => {
  it.each<[string, KeyListVersion, ApimKind, boolean]>([
    ['server.hostname', '4.0.0', 'gateway', true],
    ['server.hostnme', '4.0.0', 'gateway', false],
    // audit S1: the seed's spelling is read by no version (carbon-apimgt v9.0.174 api-manager.xml.j2: local_entries)
    ['apim.sync_runtime_artifacts.gateway.skip_list.local-entries', '4.0.0', 'gateway', false],
    ['apim.sync_runtime_artifacts.gateway.skip_list.local_entries', '4.0.0', 'gateway', true],
    // audit B2: 4.0 reads the control plane's copy list under [apim.throttling] only (product-apim v4.0.0 jndi2.properties.j2)
    ['apim.event_hub.event_duplicate_url', '4.0.0', 'control-plane', false],
    ['apim.event_hub.event_duplicate_url', '4.1.0', 'control-plane', true],
    ['apim.throttling.event_duplicate_url', '4.0.0', 'control-plane', true],
    // audit S2: 4.1–4.3 read enable_apikey_subscription_validation; 4.4 dropped it (product-apim key lists at each tag)
    ['apim.key_manager.enable_apikey_subscription_validation', '4.3.0', 'gateway', true],
    ['apim.key_manager.enable_apikey_subscription_validation', '4.4.0', 'gateway', false],
    // 4.0 reads no analytics type
    ['apim.analytics.type', '4.0.0', 'gateway', false],
    ['apim.analytics.type', '4.1.0', 'gateway', true],
    // elements of arrays of tables, maps, quoted keys
    ['apim.gateway.environment[].service_url', '4.5.0', 'control-plane', true],
    ['apim.gateway.environment.service_url', '4.5.0', 'control-plane', false],
    ['apim.analytics.properties.moesifKey', '4.5.0', 'gateway', true],
    ["event_listener[].properties.'header.X-WSO2-KEY-MANAGER'", '4.2.0', 'control-plane', true],
    ['database.apim_db.type', '4.3.0', 'control-plane', true],
    ['database.apim_db.hostnam', '4.3.0', 'control-plane', false],
    // a table read whole
    ['secrets.admin_password', '4.5.0', 'gateway', true],
    // 4.6 only: the per-gateway id
    ['apim.gateway_notification.gateway_id', '4.5.0', 'gateway', false],
    ['apim.gateway_notification.gateway_id', '4.6.0', 'gateway', true],
  ])('%s on %s (%s): %s', (key, version, kind, read) => {
    expect(keyRead(splitKey(key), version, distributionOf(version, kind))).toBe(read);
  });

  it('answers per component distribution from 4.5: the ACP reads keys the Universal Gateway does not', () => {
    const acpOnly = ['apim', 'devportal', 'enable_application_sharing'];
    expect(keyRead(acpOnly, '4.5.0', 'acp') !== keyRead(acpOnly, '4.5.0', 'gateway') || keyRead(acpOnly, '4.5.0', 'acp')).toBe(true);
    expect(distributionOf('4.4.0', 'gateway')).toBe('all');
    expect(distributionOf('4.5.0', 'control-plane')).toBe('acp');
    expect(distributionOf('4.7.0', 'traffic-manager')).toBe('tm');
  });

  it('gives every key read outside the lists a reason', () => {
    for (const { key, reason } of KEYS_READ_ELSEWHERE) {
      expect(reason.length, key).toBeGreaterThan(20);
      expect(keyRead(splitKey(key), '4.0.0', 'all'), key).toBe(true);
    }
  });
});

describe('unread keys in a file', () => {
  it('names each once, says which versions read it, and suggests the key meant', () => {
    const found = unread(
      [
        '[apim.sync_runtime_artifacts.gateway.skip_list]',
        'local-entries = ["a.xml"]',
        '[apim.cors]',
        'allow_header = ["apikey"]',
        '[[apim.gateway.environment]]',
        'nme = "a"',
        '[[apim.gateway.environment]]',
        'nme = "b"',
      ].join('\n'),
      '4.2.0',
    );
    expect(found).toEqual([
      {
        key: 'apim.sync_runtime_artifacts.gateway.skip_list.local-entries',
        readBy: [],
        nearest: 'apim.sync_runtime_artifacts.gateway.skip_list.local_entries',
      },
      { key: 'apim.cors.allow_header', readBy: [], nearest: 'apim.cors.allow_headers' },
      { key: 'apim.gateway.environment[].nme', readBy: [], nearest: 'apim.gateway.environment[].name' },
    ]);
  });

  it('suggests the same key in the table the version reads it from', () => {
    const [found] = unread('[apim.event_hub]\nevent_duplicate_url = ["tcp://cp2:5672"]', '4.0.0', 'control-plane');
    expect(found!.readBy).toEqual(['4.1.0', '4.2.0', '4.3.0', '4.4.0', '4.5.0', '4.6.0', '4.7.0']);
    expect(found!.nearest).toBe('apim.throttling.event_duplicate_url');
  });

  it('reports nothing for a file of keys the version reads', () => {
    expect(unread('[server]\nhostname = "gw"\noffset = 1\n[apim.analytics.properties]\nmoesifKey = "k"', '4.5.0')).toEqual([]);
  });

  it('becomes APIM035 warnings that name the file, the key and the fix', () => {
    const [d] = unreadKeyDiagnostics(
      'nodes/gw-1/repository/conf/deployment.toml',
      'gw-1',
      '4.0.0',
      unread('[apim.analytics]\ntype = "elk"', '4.0.0'),
    );
    expect(d).toMatchObject({ code: 'APIM035', severity: 'warning', nodeIds: ['gw-1'] });
    expect(d!.message).toContain('API-M 4.0.0 does not read apim.analytics.type (API-M 4.1.0, 4.2.0');
    expect(d!.fix).toMatch(/choose a version that reads it|Did you mean/);
  });
});

describe('editDistance', () => {
  it.each<[string, string, number]>([
    ['', '', 0],
    ['abc', 'abc', 0],
    ['local-entries', 'local_entries', 1],
    ['kitten', 'sitting', 3],
    ['', 'abc', 3],
  ])('%s → %s: %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });

  it('stops at the cap', () => {
    expect(editDistance('aaaaaaaa', 'bbbbbbbb', 3)).toBe(3);
  });
});

describe('the check of a generated document (generate/toml/keys.ts)', () => {
  it('reads array-of-tables elements and their sub-tables from the document, and checks a table shape once', () => {
    const shared = table('apim.cors', { allow_header: ['apikey'] });
    const document = {
      header: [],
      tables: [
        table('server', { hostname: 'gw', offset: 1 }),
        arrayTable('event_listener', { id: 'token_revocation' }),
        table('event_listener.properties', { 'header.X-WSO2-KEY-MANAGER': 'default', notification_endpoint: 'https://cp/notify' }),
        shared,
      ],
    };
    const memo = keyCheckMemo();
    expect(documentUnreadKeys(document, '4.2.0', 'control-plane', memo).map((u) => u.key)).toEqual(['apim.cors.allow_header']);
    expect(memo.shapes.size).toBe(4);
    // Another document with tables of the same shapes is answered from the memo.
    const again = { header: [], tables: document.tables.map((t) => ({ ...t, entries: t.entries.map((e) => ({ ...e, value: 'x' })) })) };
    expect(documentUnreadKeys(again, '4.2.0', 'control-plane', memo).map((u) => u.key)).toEqual(['apim.cors.allow_header']);
    expect(memo.shapes.size).toBe(4);
    // A gateway's file is checked against what a gateway reads: a new shape.
    documentUnreadKeys(document, '4.5.0', 'gateway', memo);
    expect(memo.shapes.size).toBe(8);
  });
});
