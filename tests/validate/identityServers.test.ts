import { describe } from 'vitest';
import { CASES, ruleCases } from './cases.ts';

describe('Identity Server rules', () => ruleCases(CASES.identityServers));
