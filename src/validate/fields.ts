/**
 * Field rules: what each node says about itself. A file read through `share` already passed the schema;
 * these catch the same mistakes in a topology edited on the canvas, which never went through it.
 */
import type { Diagnostic, Topology } from '../model/index.ts';
import { HOST_PATTERN, KIND_NAMES, MAX_OFFSET, MIN_OFFSET, NODE_ID_PATTERN, isApimNode } from '../model/index.ts';
import { report } from './rules.ts';

export function validateFields(topology: Topology): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const node of topology.nodes) {
    const what = `${KIND_NAMES[node.kind]} ${node.id}`;
    if (!NODE_ID_PATTERN.test(node.id)) {
      out.push(
        report('APIM014', {
          message: `Node id ${JSON.stringify(node.id)} is not valid: it names the node's folder in the bundle`,
          nodeIds: [node.id],
          fix: 'Use lowercase letters, digits and dashes (at most 63), starting with a letter or digit, e.g. "gw-1".',
        }),
      );
    }
    if (!HOST_PATTERN.test(node.host)) {
      out.push(
        report('APIM015', {
          message: `${what}: ${JSON.stringify(node.host)} is not a valid host name or IPv4 address`,
          nodeIds: [node.id],
          fix: 'Use the DNS name other nodes reach it by (letters, digits, dashes and dots, e.g. gw1.example.com) or its IPv4 address.',
        }),
      );
    }
    if (isApimNode(node)) {
      if (node.nodeIp !== undefined && !HOST_PATTERN.test(node.nodeIp)) {
        out.push(
          report('APIM015', {
            message: `${what}: node IP ${JSON.stringify(node.nodeIp)} is not a valid IPv4 address or host name`,
            nodeIds: [node.id],
            fix: 'Give the node IP as an IPv4 address such as 10.0.0.5, or leave it empty.',
          }),
        );
      }
      if (!Number.isInteger(node.offset) || node.offset < MIN_OFFSET || node.offset > MAX_OFFSET) {
        out.push(
          report('APIM016', {
            message: `${what}: offset ${node.offset} is out of range ${MIN_OFFSET}–${MAX_OFFSET}`,
            nodeIds: [node.id],
            fix: `Use a whole number from ${MIN_OFFSET} to ${MAX_OFFSET}: every port of the node is its default plus the offset.`,
          }),
        );
      }
    } else if (
      (node.kind === 'database' || node.kind === 'redis') &&
      (!Number.isInteger(node.port) || node.port < 1 || node.port > 65535)
    ) {
      out.push(
        report('APIM016', {
          message: `${what}: port ${node.port} is out of range 1–65535`,
          nodeIds: [node.id],
          fix:
            node.kind === 'redis'
              ? 'Use the port the Redis server listens on (6379 by default).'
              : 'Use the port the database server listens on (MySQL 3306, PostgreSQL 5432, SQL Server 1433, Oracle 1521, DB2 50000).',
        }),
      );
    }
  }
  return out;
}
