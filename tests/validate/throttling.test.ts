import { describe } from 'vitest';
import { CASES, ruleCases } from './cases.ts';

describe('distributed throttling rules', () => ruleCases(CASES.throttling));
