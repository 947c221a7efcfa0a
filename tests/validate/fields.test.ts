import { describe } from 'vitest';
import { CASES, ruleCases } from './cases.ts';

describe('fields rules', () => ruleCases(CASES.fields));
