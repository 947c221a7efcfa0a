/** With nothing selected: the topology's global settings. */
import type { GatewayEnvironment, Keystore, Settings, Topology } from '../../model/index.ts';
import {
  ANALYTICS_TYPES,
  DEFAULT_KEYSTORE,
  LIMITS,
  ENVIRONMENT_TYPES,
  KEYSTORE_TYPES,
  PRODUCT_VERSIONS,
  defaultEnvironment,
  platformOf,
  versionFacts,
} from '../../model/index.ts';
import type { AnalyticsSupport, AnalyticsType } from '../../model/index.ts';

const ANALYTICS_LABELS: Record<AnalyticsType, string> = {
  choreo: 'Choreo (cloud)',
  elk: 'ELK',
  opensearch: 'OpenSearch',
  moesif: 'Moesif',
};
import { Suspense, lazy, memo, useDeferredValue, useState } from 'react';

/** What the analytics type's entry adds to its name: how the chosen version supports it (APIM027 says more). */
function supportNote(support: AnalyticsSupport, product: string): string {
  switch (support) {
    case 'yes':
      return '';
    case 'deprecated':
      return ' (deprecated)';
    case 'update':
      return ' (needs a WSO2 update level)';
    case 'no':
      return ` (not in ${product})`;
  }
}
import { useDesigner } from '../store.tsx';
import type { VersionSwitch } from '../VersionSwitchDialog.tsx';
import { CheckboxField, Fieldset, SelectField, TextField, anyText, commaList, credential, required } from './fields.tsx';
import { environmentsOf } from './environments.ts';
import { PlatformFields } from './PlatformFields.tsx';
import { FROM_SECRET_HINT } from './kubernetes.ts';
import { SettingsHeading } from './SettingsHeading.tsx';

/** Loaded when a version is first chosen: the first screen does not need it. */
const VersionSwitchDialog = lazy(() => import('../VersionSwitchDialog.tsx').then((m) => ({ default: m.VersionSwitchDialog })));

export function SettingsInspector() {
  const live = useDesigner((s) => s.topology);
  const opened = useDesigner((s) => s.opened);
  // A topology opened whole (a file, a link, an example) gets its form in a render React may interrupt, after the canvas
  // has drawn it: a large one has up to 50 gateway environments, 250 fields laid out in the frame that first drew the
  // canvas. Until then the form before stays, inert: its values are not the opened topology's, so it takes no input. An
  // edit is drawn at once, as ever: the deferred values are only read while an opening is on its way.
  const deferredOpened = useDeferredValue(opened);
  const deferredTopology = useDeferredValue(live);
  const pending = deferredOpened !== opened;
  return (
    <div className="settings-form" inert={pending} aria-busy={pending || undefined}>
      <SettingsForm topology={pending ? deferredTopology : live} />
    </div>
  );
}

const SettingsForm = memo(function SettingsForm({ topology }: { topology: Topology }) {
  const updateSettings = useDesigner((s) => s.updateSettings);
  const setProduct = useDesigner((s) => s.setProduct);
  const setName = useDesigner((s) => s.setName);
  const setNameWhileTyping = useDesigner((s) => s.setNameWhileTyping);
  const keepSecretsOut = useDesigner((s) => s.keepSecretsOut);
  const setKeepSecretsOut = useDesigner((s) => s.setKeepSecretsOut);
  const { settings } = topology;
  const facts = versionFacts(topology.product);
  const [switching, setSwitching] = useState<VersionSwitch | null>(null);
  const set = <K extends keyof Settings>(key: K, value: Settings[K]) => updateSettings({ [key]: value } as Partial<Settings>);
  const secretHint = platformOf(settings) === 'kubernetes' ? FROM_SECRET_HINT : undefined;

  return (
    <form className="inspector-form" aria-label="Topology settings" onSubmit={(e) => e.preventDefault()}>
      <SettingsHeading />
      <TextField label="Topology name" value={topology.name} parse={required('The name')} onChange={setName} onPause={setNameWhileTyping} />
      <SelectField
        label="API-M version"
        value={topology.product}
        options={[...PRODUCT_VERSIONS].reverse()}
        // Shown first, switched on confirm: what the switch does to each file, key by key.
        onChange={(to) => setSwitching({ from: topology.product, to, before: topology, after: { ...topology, product: to } })}
      />
      {switching && (
        <Suspense fallback={null}>
          <VersionSwitchDialog
            change={switching}
            onConfirm={() => {
              setProduct(switching.to);
              setSwitching(null);
            }}
            onCancel={() => setSwitching(null)}
          />
        </Suspense>
      )}

      <PlatformFields topology={topology} />

      <Fieldset legend="Super admin">
        <TextField
          label="Admin username"
          value={settings.superAdmin.username}
          parse={credential('The username')}
          onChange={(username) => set('superAdmin', { ...settings.superAdmin, username })}
        />
        <TextField
          label="Admin password"
          type="password"
          value={settings.superAdmin.password}
          parse={credential('The password')}
          onChange={(password) => set('superAdmin', { ...settings.superAdmin, password })}
          hint={secretHint}
        />
        <CheckboxField
          label="Create admin account"
          checked={settings.superAdmin.createAdminAccount}
          onChange={(createAdminAccount) => set('superAdmin', { ...settings.superAdmin, createAdminAccount })}
        />
      </Fieldset>

      <Fieldset legend="Secrets">
        <CheckboxField
          label="Secure vault: write passwords as $secret{…}"
          checked={settings.secureVault === true}
          onChange={(on) => updateSettings({ secureVault: on || undefined })}
        />
        <p className="hint">
          Each file gets a [secrets] table, last, for ciphertool.sh -Dconfigure to encrypt on the node; the runbook shows how.
        </p>
        {(facts.internalEncryptionKey || settings.encryptionKey !== undefined) && (
          <TextField
            label="Internal encryption key"
            type="password"
            value={settings.encryptionKey ?? ''}
            parse={credential('The key', { allowEmpty: true })}
            onChange={(key) => updateSettings({ encryptionKey: key === '' ? undefined : key })}
            placeholder="$env{WSO2_ENCRYPTION_KEY}"
            hint={
              facts.internalEncryptionKey
                ? `[encryption] key of every node (API-M ${topology.product}), the same everywhere and never changed after the first start. Make one with openssl rand -hex 32, or write $env{…} and set it on every node.`
                : `API-M ${topology.product} encrypts with the primary keystore; the key is for 4.7 and later: clear it.`
            }
          />
        )}
        <CheckboxField label="Keep passwords out of this browser's storage" checked={keepSecretsOut} onChange={setKeepSecretsOut} />
        <p className="hint">
          The page autosaves your work in this browser.{' '}
          {keepSecretsOut
            ? 'Passwords and tokens are saved as placeholders, as in a share link: after a reload, set them again (APIM034 lists them).'
            : 'Passwords and tokens are saved with it, in plain text: tick this on a shared computer.'}
        </p>
      </Fieldset>

      <KeystoreFields
        legend="TLS keystore"
        prefix="TLS keystore"
        keystore={settings.keystore.tls}
        onChange={(tls) => set('keystore', { ...settings.keystore, tls })}
        secretHint={secretHint}
      />
      <CheckboxField
        label="Separate primary keystore"
        checked={settings.keystore.primary !== undefined}
        onChange={(on) => set('keystore', { ...settings.keystore, primary: on ? { ...DEFAULT_KEYSTORE } : undefined })}
      />
      {settings.keystore.primary && (
        <KeystoreFields
          legend="Primary keystore"
          prefix="Primary keystore"
          keystore={settings.keystore.primary}
          onChange={(primary) => set('keystore', { ...settings.keystore, primary })}
          secretHint={secretHint}
        />
      )}
      <Fieldset legend="Truststore">
        <TextField
          label="Truststore file"
          value={settings.truststore.fileName}
          parse={credential('The file name')}
          onChange={(fileName) => set('truststore', { ...settings.truststore, fileName })}
        />
        <SelectField
          label="Truststore type"
          value={settings.truststore.type}
          options={KEYSTORE_TYPES}
          onChange={(type) => set('truststore', { ...settings.truststore, type })}
        />
        <TextField
          label="Truststore password"
          type="password"
          value={settings.truststore.password}
          parse={credential('The password')}
          onChange={(password) => set('truststore', { ...settings.truststore, password })}
          hint={secretHint}
        />
      </Fieldset>

      <Environments
        environments={environmentsOf(topology)}
        explicit={settings.gatewayEnvironments !== undefined}
        onChange={(list) => set('gatewayEnvironments', list)}
      />

      <Fieldset legend="Analytics">
        <CheckboxField
          label="Publish analytics"
          checked={settings.analytics.enabled}
          onChange={(enabled) =>
            // A topology that names no type means Choreo; from 4.6 WSO2's default is Moesif, so turning analytics on
            // there starts on it (versionFacts.defaultAnalyticsType).
            set('analytics', {
              ...settings.analytics,
              enabled,
              type:
                enabled && settings.analytics.type === undefined && facts.defaultAnalyticsType !== 'choreo'
                  ? facts.defaultAnalyticsType
                  : settings.analytics.type,
            })
          }
        />
        {settings.analytics.enabled && (
          <>
            <SelectField
              label="Analytics type"
              value={settings.analytics.type ?? 'choreo'}
              options={ANALYTICS_TYPES.filter(
                (type) => facts.analytics[type] !== 'no' || type === (settings.analytics.type ?? 'choreo'),
              ).map((type) => ({
                value: type,
                label: `${ANALYTICS_LABELS[type]}${supportNote(facts.analytics[type], topology.product)}`,
              }))}
              onChange={(type) => set('analytics', { ...settings.analytics, type: type === 'choreo' ? undefined : type })}
            />
            {(settings.analytics.type ?? 'choreo') === 'choreo' && (
              <TextField
                label="Analytics config endpoint"
                maxLength={LIMITS.longText}
                value={settings.analytics.configEndpoint}
                parse={required('The endpoint')}
                onChange={(configEndpoint) => set('analytics', { ...settings.analytics, configEndpoint })}
              />
            )}
            {['choreo', 'moesif'].includes(settings.analytics.type ?? 'choreo') && (
              <TextField
                label={settings.analytics.type === 'moesif' ? 'Moesif application key' : 'Analytics auth token'}
                maxLength={LIMITS.longText}
                type="password"
                value={settings.analytics.authToken}
                parse={anyText}
                onChange={(authToken) => set('analytics', { ...settings.analytics, authToken })}
                hint={secretHint}
              />
            )}
            {settings.analytics.type === 'moesif' && (facts.moesifBaseUrl || settings.analytics.moesifBaseUrl !== undefined) && (
              <TextField
                label="Moesif base URL (optional)"
                maxLength={LIMITS.longText}
                value={settings.analytics.moesifBaseUrl ?? ''}
                parse={anyText}
                placeholder="https://api.moesif.net"
                onChange={(url) => set('analytics', { ...settings.analytics, moesifBaseUrl: url.trim() === '' ? undefined : url.trim() })}
                hint={
                  facts.moesifBaseUrl
                    ? 'moesif_base_url: where the gateways send events. Empty: Moesif’s own address.'
                    : `API-M ${topology.product} reads no moesif_base_url (from 4.6): clear it.`
                }
              />
            )}
          </>
        )}
      </Fieldset>

      <Fieldset legend="Backend JWT">
        <CheckboxField
          label="Generate backend JWT"
          checked={settings.jwt.enabled}
          onChange={(enabled) => set('jwt', { ...settings.jwt, enabled })}
        />
        {settings.jwt.enabled && (
          <>
            <SelectField
              label="JWT encoding"
              value={settings.jwt.encoding}
              options={['base64', 'base64url'] as const}
              onChange={(encoding) => set('jwt', { ...settings.jwt, encoding })}
            />
            <TextField
              label="JWT header"
              value={settings.jwt.header}
              parse={required('The header')}
              onChange={(header) => set('jwt', { ...settings.jwt, header })}
            />
            <TextField
              label="JWT signing algorithm"
              value={settings.jwt.signingAlgorithm}
              parse={required('The algorithm')}
              onChange={(signingAlgorithm) => set('jwt', { ...settings.jwt, signingAlgorithm })}
            />
            <TextField
              label="JWT claim dialect"
              value={settings.jwt.claimDialect}
              parse={required('The dialect')}
              onChange={(claimDialect) => set('jwt', { ...settings.jwt, claimDialect })}
            />
          </>
        )}
      </Fieldset>

      <Fieldset legend="CORS">
        <CheckboxField
          label="Configure CORS"
          checked={settings.cors.enabled}
          onChange={(enabled) => set('cors', { ...settings.cors, enabled })}
        />
        {settings.cors.enabled && (
          <>
            <TextField
              label="Allowed origins"
              maxLength={LIMITS.origins}
              value={settings.cors.allowOrigins}
              parse={required('The origins')}
              onChange={(allowOrigins) => set('cors', { ...settings.cors, allowOrigins })}
            />
            <TextField
              label="Allowed methods"
              value={settings.cors.allowMethods}
              format={commaList.format}
              parse={commaList.parse}
              maxLength={null}
              onChange={(allowMethods) => set('cors', { ...settings.cors, allowMethods })}
            />
            <TextField
              label="Allowed headers"
              value={settings.cors.allowHeaders}
              format={commaList.format}
              parse={commaList.parse}
              maxLength={null}
              onChange={(allowHeaders) => set('cors', { ...settings.cors, allowHeaders })}
            />
            <CheckboxField
              label="Allow credentials"
              checked={settings.cors.allowCredentials}
              onChange={(allowCredentials) => set('cors', { ...settings.cors, allowCredentials })}
            />
          </>
        )}
      </Fieldset>

      <Fieldset legend="Cache invalidation">
        <CheckboxField
          label="Distributed cache invalidation"
          checked={settings.cacheInvalidation.enabled}
          onChange={(enabled) => set('cacheInvalidation', { ...settings.cacheInvalidation, enabled })}
        />
        {settings.cacheInvalidation.enabled && (
          <TextField
            label="Cache invalidation domain"
            value={settings.cacheInvalidation.domain}
            parse={required('The domain')}
            onChange={(domain) => set('cacheInvalidation', { ...settings.cacheInvalidation, domain })}
          />
        )}
      </Fieldset>

      <Fieldset legend="Runtime artifacts gateways skip">
        {(['apis', 'endpoints', 'sequences', 'localEntries'] as const).map((key) => (
          <TextField
            key={key}
            label={`Skip ${key === 'localEntries' ? 'local entries' : key}`}
            value={settings.skipList[key]}
            format={commaList.format}
            parse={commaList.parse}
            maxLength={null}
            onChange={(list) => set('skipList', { ...settings.skipList, [key]: list })}
          />
        ))}
      </Fieldset>
    </form>
  );
});

function KeystoreFields({
  legend,
  prefix,
  keystore,
  onChange,
  secretHint,
}: {
  legend: string;
  prefix: string;
  keystore: Keystore;
  onChange: (k: Keystore) => void;
  /** Under the passwords: where they come from on Kubernetes. */
  secretHint: string | undefined;
}) {
  return (
    <Fieldset legend={legend}>
      <TextField
        label={`${prefix} file`}
        value={keystore.fileName}
        parse={credential('The file name')}
        onChange={(fileName) => onChange({ ...keystore, fileName })}
      />
      <SelectField
        label={`${prefix} type`}
        value={keystore.type}
        options={KEYSTORE_TYPES}
        onChange={(type) => onChange({ ...keystore, type })}
      />
      <TextField
        label={`${prefix} password`}
        type="password"
        value={keystore.password}
        parse={credential('The password')}
        onChange={(password) => onChange({ ...keystore, password })}
        hint={secretHint}
      />
      <TextField
        label={`${prefix} alias`}
        value={keystore.alias}
        parse={credential('The alias')}
        onChange={(alias) => onChange({ ...keystore, alias })}
      />
      <TextField
        label={`${prefix} key password`}
        type="password"
        value={keystore.keyPassword}
        parse={credential('The key password')}
        onChange={(keyPassword) => onChange({ ...keystore, keyPassword })}
        hint={secretHint}
      />
    </Fieldset>
  );
}

function Environments({
  environments,
  explicit,
  onChange,
}: {
  environments: GatewayEnvironment[];
  explicit: boolean;
  onChange: (list: GatewayEnvironment[] | undefined) => void;
}) {
  const replace = (index: number, patch: Partial<GatewayEnvironment>) =>
    onChange(environments.map((e, i) => (i === index ? { ...e, ...patch } : e)));
  const taken = new Set(environments.map((e) => e.name));
  return (
    <Fieldset legend="Gateway environments">
      {!explicit && <p className="hint">The version’s default environment. Edit it or add one to set your own.</p>}
      {environments.length === 0 && (
        <p className="hint">No gateway environment: the control planes have nowhere to deploy APIs (APIM037). Add one.</p>
      )}
      {environments.map((environment, index) => (
        <div className="environment" key={index}>
          <TextField
            label={`Environment ${index + 1} name`}
            maxLength={LIMITS.environmentName}
            value={environment.name}
            parse={(text) =>
              text.trim() === ''
                ? { ok: false, message: 'The environment name cannot be empty' }
                : text !== environment.name && taken.has(text)
                  ? { ok: false, message: `There is already an environment called ${text}` }
                  : { ok: true, value: text }
            }
            onChange={(name) => replace(index, { name })}
          />
          <SelectField
            label={`Environment ${index + 1} type`}
            value={environment.type}
            options={ENVIRONMENT_TYPES}
            onChange={(type) => replace(index, { type })}
          />
          <TextField
            label={`Environment ${index + 1} description`}
            maxLength={LIMITS.longText}
            value={environment.description}
            parse={anyText}
            onChange={(description) => replace(index, { description })}
          />
          <CheckboxField
            label={`Show environment ${index + 1} in the API console`}
            checked={environment.displayInApiConsole}
            onChange={(displayInApiConsole) => replace(index, { displayInApiConsole })}
          />
          {environments.length > 1 && (
            <button type="button" onClick={() => onChange(environments.filter((_, i) => i !== index))}>
              Remove environment {environment.name}
            </button>
          )}
        </div>
      ))}
      {environments.length < LIMITS.environments ? (
        <button
          type="button"
          onClick={() => {
            let n = environments.length + 1;
            while (taken.has(`env-${n}`)) n++;
            onChange([...environments, defaultEnvironment(`env-${n}`)]);
          }}
        >
          Add environment
        </button>
      ) : (
        <p className="hint">A topology holds at most {LIMITS.environments} gateway environments.</p>
      )}
    </Fieldset>
  );
}
