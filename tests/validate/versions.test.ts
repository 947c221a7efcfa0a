import { describe } from 'vitest';
import { CASES, ruleCases } from './cases.ts';

describe('versions rules', () => ruleCases(CASES.versions));
