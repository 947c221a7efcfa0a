import { describe } from 'vitest';
import { CASES, ruleCases } from './cases.ts';

describe('settings rules', () => ruleCases(CASES.settings));
