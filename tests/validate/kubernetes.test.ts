import { describe } from 'vitest';
import { CASES, ruleCases } from './cases.ts';

describe('Kubernetes rules', () => ruleCases(CASES.kubernetes));
