import { describe } from 'vitest';
import { CASES, ruleCases } from './cases.ts';

describe('databases rules', () => ruleCases(CASES.databases));
