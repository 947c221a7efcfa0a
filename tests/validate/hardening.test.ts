import { describe } from 'vitest';
import { CASES, ruleCases } from './cases.ts';

describe('hardening rules', () => ruleCases(CASES.hardening));
