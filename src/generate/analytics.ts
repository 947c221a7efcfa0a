/**
 * `[apim.analytics]` on gateways (APIM docs analytics guides: Choreo 'Configure the API Gateway', ELK 4.3.0,
 * OpenSearch 4.5.0, Moesif 4.1.0): the gateways publish API usage, so the table goes on every gateway.
 * What it holds depends on the type and the version.
 */
import { analyticsTypeOf } from '../model/index.ts';
import type { TomlTable } from './toml/index.ts';
import { table } from './toml/index.ts';
import type { GenerationContext } from './context.ts';

export function analyticsTables(context: GenerationContext): TomlTable[] {
  const { settings, facts } = context;
  const analytics = settings.analytics;
  if (!analytics.enabled) return [];
  const type = analyticsTypeOf(analytics);
  const support = facts.analytics[type];
  // A type the version does not publish has no key it reads (4.0 has no `type`): nothing is written, and
  // APIM027 says why.
  if (support === 'no') return [];
  const updateOnly =
    support === 'update'
      ? [`API-M ${facts.version} publishes ${type} analytics only with a WSO2 update level that includes it (APIM027).`]
      : support === 'deprecated'
        ? [
            `API-M ${facts.version} still publishes ${type} analytics, but WSO2 has deprecated it for ${facts.defaultAnalyticsType} (APIM027).`,
          ]
        : [];
  switch (type) {
    case 'choreo':
      return [
        table(
          'apim.analytics',
          {
            enable: true,
            // Every version needs it (audit B5): key-mappings.json maps it to the publisher's auth.api.url, and
            // without it 4.4+ refuse to publish ("Analytics Config Endpoint is not provided", carbon-apimgt
            // v9.30.67 AnalyticsDataPublisher.java). docs-apim `includes/analytics/configure-synapse-gateway.md`.
            config_endpoint: analytics.configEndpoint,
            auth_token: analytics.authToken,
          },
          ['Analytics: gateways publish API usage to the API-M Analytics cloud (Choreo), with its on-prem key.', ...updateOnly],
        ),
      ];
    case 'elk':
    case 'opensearch':
      return [
        table('apim.analytics', { enable: true, type }, [
          type === 'elk'
            ? 'Analytics: gateways write repository/logs/apim_metrics.log for Filebeat and Logstash to ship to Elasticsearch (ELK).'
            : 'Analytics: gateways write repository/logs/apim_metrics.log for Fluent Bit to ship to OpenSearch.',
          ...(facts.analyticsLogAppenderByHand && support === 'yes'
            ? [
                `API-M ${facts.version}: add the APIM_METRICS_APPENDER appender and the reporter logger to log4j2.properties (pre-added from 4.3).`,
              ]
            : []),
          ...updateOnly,
        ]),
      ];
    case 'moesif': {
      // moesif_base_url is read by the MoesifReporter of apim-analytics-publisher v1.2.29+ (4.6 and 4.7 pin
      // v1.2.33 / v1.2.36); helm-apim 4.6.x / 4.7.x gateway writes it. Earlier versions do not read it (APIM027).
      const baseUrl = facts.moesifBaseUrl && analytics.moesifBaseUrl ? analytics.moesifBaseUrl : undefined;
      return [
        table('apim.analytics', { enable: true, type }, [
          facts.defaultAnalyticsType === 'moesif'
            ? 'Analytics: gateways publish API usage to Moesif, WSO2 Analytics from API-M 4.6.'
            : 'Analytics: gateways publish API usage to Moesif.',
          ...updateOnly,
        ]),
        table(
          'apim.analytics.properties',
          { moesifKey: analytics.authToken, moesif_base_url: baseUrl },
          baseUrl ? 'The Moesif application id, and the Moesif API address events go to.' : 'The Moesif application id.',
        ),
      ];
    }
  }
}
