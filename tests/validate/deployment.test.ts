import { describe } from 'vitest';
import { CASES, ruleCases } from './cases.ts';

describe('deployment rules', () => ruleCases(CASES.deployment));
