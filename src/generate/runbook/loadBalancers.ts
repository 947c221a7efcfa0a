/** The runbook's load-balancer steps: what each one forwards where, installing its nginx.conf, checking it. */
import { portOf } from '../../model/index.ts';
import type { GenerationContext } from '../context.ts';
import type { Listener, LoadBalancerPlan } from '../loadBalancing.ts';
import { certificatePaths, loadBalancerPlan, nginxConfPath } from '../loadBalancing.ts';
import { inlineCode, markdownText, shellWord as w } from '../text.ts';
import { loadBalancerChecks } from './checks.ts';
import { bundledLoadBalancers } from './certificates.ts';

export function loadBalancerPlans(context: GenerationContext): LoadBalancerPlan[] {
  return bundledLoadBalancers(context).map((lb) => loadBalancerPlan(context, lb));
}

const BALANCING: Record<string, string> = {
  sticky: 'sticky (`ip_hash`)',
  'primary-backup': 'first primary, others backup',
  'round-robin': 'round robin',
};

function listenerRow(listener: Listener): string {
  const port = `${listener.port}${listener.ssl ? ' (TLS)' : ''}`;
  if (listener.redirect) return `| ${port} | redirect to HTTPS | |`;
  if (!listener.upstream) return `| ${port} | answers 503: no node behind it yet | |`;
  const { upstream } = listener;
  const members = upstream.members.map((m) => inlineCode(`${m.host}:${portOf(m, upstream.port)}`)).join(', ');
  return `| ${port} | ${members} | ${BALANCING[upstream.balancing]} |`;
}

export function loadBalancerSteps(plans: LoadBalancerPlan[]): string[] {
  const out = [
    'Start them before the nodes: nodes reach the clusters through them, and nginx starts without its',
    'nodes (it answers 502 until they are up). nginx resolves the node host names when it loads the file,',
    'so the host names must resolve on the load balancer first.',
    '',
  ];
  for (const plan of plans) {
    const { lb } = plan;
    const { crt, key } = certificatePaths(lb);
    const conf = nginxConfPath(lb);
    out.push(`#### ${markdownText(lb.label)} (\`${lb.id}\`) on ${inlineCode(lb.host)}`, '');
    out.push(
      plan.kind
        ? `In front of ${plan.members.map((m) => `\`${m.id}\``).join(', ')}, each node's port being default + its offset:`
        : 'It fronts no node yet: link it to the nodes of one cluster and generate again. Until then it answers 503.',
      '',
      '| Port | To | Balancing |',
      '|---|---|---|',
      ...plan.listeners.map(listenerRow),
      '',
      'Install nginx (on Debian or Ubuntu: `apt-get install nginx`), then, from the bundle and the `security/` folder:',
      '',
      '```sh',
      'mkdir -p /etc/nginx/ssl',
      'cp /etc/nginx/nginx.conf /etc/nginx/nginx.conf.orig',
      `cp ${conf} /etc/nginx/nginx.conf`,
      `cp ${w(`security/${crt.replace(/^ssl\//, '')}`)} ${w(`security/${key.replace(/^ssl\//, '')}`)} /etc/nginx/ssl/`,
      `chmod 600 ${w(`/etc/nginx/${key}`)}`,
      'nginx -t                  # checks the file, the certificate and that every node name resolves',
      'systemctl restart nginx   # after a later change: nginx -t && nginx -s reload',
      '```',
      '',
    );
  }
  return out;
}

/** The last step: every load balancer checked end to end. */
export function loadBalancerCheckSteps(context: GenerationContext, plans: LoadBalancerPlan[]): string[] {
  const checked = plans.filter((plan) => plan.kind);
  if (checked.length === 0) return [];
  const out = [
    'With every node up, check each load balancer end to end. Each command prints an HTTP status; 502 or',
    '504 means nginx reached none of the nodes (check the node and the upstream ports in its nginx.conf).',
    '',
    '```sh',
  ];
  for (const plan of checked) {
    out.push(`# ${plan.lb.id}`, ...alignComments(loadBalancerChecks(context, plan)));
  }
  out.push('```', '');
  const cp = checked.find((plan) => plan.kind === 'control-plane' || plan.kind === 'all-in-one');
  if (cp) {
    const host = cp.lb.host;
    out.push(
      `The portals are then at ${inlineCode(`https://${host}/publisher`)}, ${inlineCode(`https://${host}/devportal`)} and ${inlineCode(`https://${host}/admin`)}.`,
      '',
    );
  }
  return out;
}

/** Lines `command  # note` with the notes in one column. */
function alignComments(lines: { command: string; note: string }[]): string[] {
  const width = Math.max(...lines.map((l) => l.command.length));
  return lines.map((l) => `${l.command.padEnd(width)}  # ${l.note}`);
}
