import { describe } from 'vitest';
import { CASES, ruleCases } from './cases.ts';

describe('ports rules', () => ruleCases(CASES.ports));
