/**
 * How to tell a node or a load balancer is up: the checks of WSO2's "Basic Health Checks" page, with
 * the ports computed from offsets. Node checks go to the node's own host and ports; load-balancer checks
 * go through the listeners the nginx.conf defines (loadBalancing.ts), so the two always agree.
 */
import type { ApimNode } from '../../model/index.ts';
import { portOf, unhandledKind } from '../../model/index.ts';
import type { GenerationContext } from '../context.ts';
import type { LoadBalancerPlan } from '../loadBalancing.ts';
import { shellWord as w } from '../text.ts';

/** Prints only the HTTP status, so a check reads as one number. */
const STATUS = `-s -o /dev/null -w '%{http_code}\\n'`;

/** The WebSocket `/health` check is documented from API-M 4.1 (`gatewayWebSocketHealthCheck`). */
const webSocketHealth = (context: GenerationContext) => context.facts.gatewayWebSocketHealthCheck;

/** Shell lines (inside a code block) that check one node, and what a good answer looks like. */
export function nodeChecks(context: GenerationContext, node: ApimNode): { commands: string[]; expect: string } {
  const host = w(node.host);
  const version = `curl -k https://${host}:${portOf(node, 'https')}/services/Version`;
  switch (node.kind) {
    case 'control-plane':
    case 'key-manager':
      return {
        commands: [version],
        expect: `The Version service answers with the product version (\`WSO2 API Manager-...\`).`,
      };
    case 'all-in-one':
      // Everything in one: the portals' Version service, the gateway's API ports and the Traffic Manager's broker.
      return {
        commands: [
          version,
          `nc -zv ${host} ${portOf(node, 'apiHttps')}`,
          `nc -zv ${host} ${portOf(node, 'broker')}`,
          ...(webSocketHealth(context) ? [`curl ${STATUS} http://${host}:${portOf(node, 'ws')}/health`] : []),
        ],
        expect: `The Version service answers with the product version (\`WSO2 API Manager-...\`), the API and broker ports accept connections${webSocketHealth(context) ? ', and the WebSocket health check prints 200' : ''}.`,
      };
    case 'traffic-manager':
      // A traffic manager serves no portal: its broker and binary receiver are what WSO2 checks.
      return {
        commands: [`nc -zv ${host} ${portOf(node, 'broker')}`, `nc -zv ${host} ${portOf(node, 'binaryTcp')}`],
        expect: 'Both ports accept connections (the broker and the binary receiver).',
      };
    case 'gateway':
      return {
        commands: [
          version,
          `nc -zv ${host} ${portOf(node, 'apiHttp')}`,
          `nc -zv ${host} ${portOf(node, 'apiHttps')}`,
          ...(webSocketHealth(context) ? [`curl ${STATUS} http://${host}:${portOf(node, 'ws')}/health`] : []),
        ],
        expect: `The Version service answers, the API ports accept connections${webSocketHealth(context) ? ', and the WebSocket health check prints 200' : ''}.`,
      };
    default:
      return unhandledKind(node);
  }
}

/** Shell commands that check a load balancer end to end once its nodes are up, each with the answer to expect. */
export function loadBalancerChecks(context: GenerationContext, plan: LoadBalancerPlan): { command: string; note: string }[] {
  const host = w(plan.lb.host);
  const check = (command: string, note: string) => ({ command, note });
  switch (plan.kind) {
    case undefined:
      return [];
    case 'control-plane':
      return [check(`curl -k ${STATUS} https://${host}/services/Version`, '200'), check(`curl ${STATUS} http://${host}/`, '301, to HTTPS')];
    case 'traffic-manager':
      return [check(`curl -k ${STATUS} https://${host}/services/`, 'any status but 502 or 504')];
    case 'key-manager':
      return [check(`curl -k ${STATUS} https://${host}/services/Version`, '200')];
    case 'all-in-one':
      return [
        check(`curl -k ${STATUS} https://${host}/services/Version`, '200'),
        check(`curl -k ${STATUS} https://${host}:8243/`, 'any status but 502 or 504'),
        ...(webSocketHealth(context) ? [check(`curl ${STATUS} http://${host}:9099/health`, '200')] : []),
      ];
    case 'gateway':
      return [
        check(`curl -k ${STATUS} https://${host}:9443/services/Version`, '200'),
        check(`curl -k ${STATUS} https://${host}/`, 'any status but 502 or 504'),
        ...(webSocketHealth(context) ? [check(`curl ${STATUS} http://${host}:9099/health`, '200')] : []),
      ];
    default:
      return unhandledKind(plan.kind);
  }
}
